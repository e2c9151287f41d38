// The adapter against the sandbox (a GitLab look-alike executing a subset of GitLab's schema):
// the item tree, the chain cut at a confidential objective, linked key results and the request
// count per view, over real HTTP under a relative URL root. Skipped when the sandbox is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLabClient, type RequestRecord } from '../../../lib/gitlab/client';
import { GitLabError } from '../../../lib/gitlab/errors';
import { createNote, loadItemTree, resolveOkrTypes } from '../../../lib/gitlab/okr-repository';
import type { OkrNode } from '../../../lib/okr/model';

const serverPath = fileURLToPath(new URL('../../sandbox/server.ts', import.meta.url));
const KEYS = [
  'cto-kr-1-2',
  'cto-kr-1-1',
  'cto-objective-1',
  'deep-o1',
  'ally-issue-17',
  'ally-kr1',
  'ally-objective',
];

interface SandboxHandle {
  url: string;
  tokens: { api: string; readApi: string; expired: string };
  items: Record<string, { iid: string; fullPath: string; title: string }>;
}

// The sandbox runs in its own Node process (through tsx), as the extension would meet it: over
// HTTP. In-process, vitest would load graphql-js twice (ESM and CJS) under the sandbox.
const STARTER = `
const { startSandbox } = await import(process.env.SANDBOX_SERVER);
const sandbox = await startSandbox({ now: '2026-05-20T10:00:00Z' });
const items = Object.fromEntries(JSON.parse(process.env.SANDBOX_KEYS).map((key) => [key, sandbox.item(key)]));
process.stdout.write(JSON.stringify({ url: sandbox.url, tokens: sandbox.tokens, items }) + '\\n');
`;

function startSandboxProcess(): Promise<{ child: ChildProcess; handle: SandboxHandle }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', STARTER], {
    env: { ...process.env, SANDBOX_SERVER: serverPath, SANDBOX_KEYS: JSON.stringify(KEYS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve({ child, handle: JSON.parse(line) as SandboxHandle });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

describe('the adapter against the sandbox', () => {
  let sandbox: SandboxHandle;
  let child: ChildProcess | undefined;
  const records: RequestRecord[] = [];

  beforeAll(async () => {
    const started = await startSandboxProcess();
    child = started.child;
    sandbox = started.handle;
  }, 30_000);
  afterAll(() => {
    child?.kill();
  });

  function client(token = sandbox.tokens.api) {
    records.length = 0;
    return createGitLabClient({
      baseUrl: `${sandbox.url}/gitlab`,
      token,
      onRequest: (record) => records.push(record),
    });
  }

  const itemOf = (key: string) => {
    const item = sandbox.items[key];
    if (!item) throw new Error(`no seeded item ${key}`);
    return item;
  };
  const refOf = (key: string) => ({ fullPath: itemOf(key).fullPath, iid: itemOf(key).iid });

  function depthOf(node: OkrNode): number {
    return 1 + Math.max(0, ...node.children.map(depthOf));
  }

  it('loads a key result with its chain in one request; the confidential top is reported as cut', async () => {
    const tree = await loadItemTree(client(), refOf('cto-kr-1-1'));
    expect(records.filter((record) => record.api === 'graphql')).toHaveLength(1);
    expect(tree.item.kind).toBe('keyResult');
    expect(tree.item.title).toBe(itemOf('cto-kr-1-1').title);
    expect(tree.chain.map((link) => link.title)).toEqual([itemOf('cto-objective-1').title]);
    expect(tree.chainTruncated).toBe(true);
  });

  it('loads a deep objective tree with one request per level', async () => {
    const tree = await loadItemTree(client(), refOf('deep-o1'));
    // deep-o1 → o2 → o3 → o4 → key results: children come with the item, then levels 2–4.
    expect(depthOf(tree.item)).toBe(5);
    expect(records.map((record) => record.operation)).toEqual([
      'OkrItemQuery',
      'OkrDescendantsQuery',
      'OkrDescendantsQuery',
      'OkrDescendantsQuery',
    ]);
  });

  it('finds the key results an issue counts toward, with their chains', async () => {
    const tree = await loadItemTree(client(), refOf('ally-issue-17'));
    expect(records).toHaveLength(1);
    expect(tree.item.kind).toBe('issue');
    expect(tree.linkedKeyResults.map((linked) => linked.keyResult.title)).toContain(
      itemOf('ally-kr1').title,
    );
    const linked = tree.linkedKeyResults.find(
      (entry) => entry.keyResult.title === itemOf('ally-kr1').title,
    );
    expect(linked?.chain.map((link) => link.title)).toEqual([itemOf('ally-objective').title]);
  });

  it('resolves the OKR types', async () => {
    const types = await resolveOkrTypes(client(), 'gitlab-com/gitlab-okrs');
    expect(types.keyResult.name).toBe('Key Result');
  });

  it('tells an expired token apart', async () => {
    const error = await loadItemTree(client(sandbox.tokens.expired), refOf('cto-kr-1-1')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitLabError);
    expect(['tokenExpired', 'unauthorized']).toContain((error as GitLabError).problem.kind);
  });

  it('says a read-only token cannot write, and the comment is not sent twice', async () => {
    const gitlab = client(sandbox.tokens.readApi);
    const tree = await loadItemTree(gitlab, refOf('cto-kr-1-2'));
    records.length = 0;
    const error = await createNote(gitlab, {
      noteableId: tree.item.id,
      body: 'Good: shipped',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitLabError);
    expect(['forbidden', 'insufficientScope']).toContain((error as GitLabError).problem.kind);
    expect((error as GitLabError).problem.message).toMatch(/api scope/);
    expect((error as GitLabError).unclear).toBe(false);
    expect(records).toHaveLength(1);
  });
});
