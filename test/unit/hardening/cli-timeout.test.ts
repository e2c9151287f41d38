// The fault matrix's CLI timeout cell, on its own sandbox so its 30 s wait (the CLI's client
// timeout: there is no panel to come back to) runs beside the other test files.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { cli, NOW } from './surfaces';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(async () => {
  await sandbox?.close();
});

it('a GitLab that never answers: the CLI gives up after 30 s with exit 1 and says so', async () => {
  sandbox.faults.control({ add: { kind: 'timeout', scope: 'graphql' } });
  const started = Date.now();
  const run = await cli(sandbox, 'deep-kr-4');
  expect(Date.now() - started).toBeGreaterThanOrEqual(29_000);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/did not answer within 30 seconds/);
}, 45_000);
