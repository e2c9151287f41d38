// `npm run sandbox`: starts the GitLab sandbox and prints where it is, the demo token and a few
// pages to open. Port from SANDBOX_PORT (default 3999; a free one if that is taken); the GitLab
// version it plays from SANDBOX_GITLAB_VERSION (default latest).
import { startSandbox, RELATIVE_URL_ROOT, type Sandbox } from './server';

async function start(): Promise<Sandbox> {
  const wanted = Number(process.env.SANDBOX_PORT ?? 3999);
  try {
    return await startSandbox({
      port: wanted,
      host: process.env.SANDBOX_HOST,
      latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    process.stdout.write(`Port ${wanted} is busy; picking a free one.\n`);
    return startSandbox({
      port: 0,
      host: process.env.SANDBOX_HOST,
      latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0),
    });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await start();
  const lines = [
    `GitLab sandbox running at ${sandbox.url}  (also under ${sandbox.url}${RELATIVE_URL_ROOT})  in ${Date.now() - started} ms`,
    `Clock: ${sandbox.store.nowIso()}${process.env.SANDBOX_NOW ? ' (fixed by SANDBOX_NOW)' : ''}`,
    `Plays GitLab ${sandbox.gitlab.versionString} (profile ${sandbox.gitlab.name}; SANDBOX_GITLAB_VERSION=17.0 … latest)`,
    '',
    `Demo token (scope api, user casey):  ${sandbox.tokens.api}`,
    `Read-only token (read_api, riley):   ${sandbox.tokens.readApi}`,
    `Expired token (evan):                ${sandbox.tokens.expired}`,
    '',
    'Pages:',
    `  CTO objective 1        ${sandbox.urlOf('cto-objective-1')}`,
    `  Ally KR 2 (4 issues)   ${sandbox.urlOf('ally-kr2')}`,
    `  KR four levels deep    ${sandbox.urlOf('deep-kr-4')}`,
    `  Group objective        ${sandbox.urlOf('group-objective')}`,
    `  Linked issue           ${sandbox.urlOf('ally-issue-19')}`,
    `  Work items list        ${sandbox.url}/gitlab-com/gitlab-okrs/-/work_items`,
    `  Dark theme             ${sandbox.urlOf('ally-kr2')}?theme=dark`,
    '',
    `GraphQL: ${sandbox.url}/api/graphql   REST: ${sandbox.url}/api/v4   Control: POST ${sandbox.url}/__sandbox/control`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    sandbox.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
