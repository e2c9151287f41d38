// The `okr-lens` command line: the same view service as the panel, for reports and checks
// outside the browser. `runCli` takes its I/O as arguments so tests drive it directly.
import { parseArgs } from 'node:util';
import { normaliseInstanceUrl } from './instances';
import type { WorkItemRef } from './messages';
import { workItemRefFromUrl } from './page';
import { createGitLabClient } from './gitlab/client';
import { createMemorySecretStore } from './secrets';
import type { CarrierSettings } from './gitlab/carriers/conventions';
import type { InstanceRecord } from './settings';
import { createViewService } from './services/okr-view';
import { createViewCache } from './services/view-cache';
import { runReport } from './cli-report';
import { reportSourceFor } from './cli-report-source';
import type { OkrView } from './view';
import { quarterLine } from './okr/format';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  now?: () => Date;
  /**
   * How the item's namespace keeps its OKRs, when the caller knows (flags, detection); GitLab's
   * OKR types otherwise.
   */
  carrierSettings?: (ref: WorkItemRef) => Promise<CarrierSettings> | CarrierSettings;
}

const USAGE = `Usage: okr-lens view <work item URL> [--json] [--instance <GitLab base URL>]

  view    the item's parent chain, score with its explanation, children and handbook warnings
  --json  print exactly one JSON document
  --instance  the instance's base URL when it has a relative URL root (e.g. https://example.com/gitlab)

The token comes from GITLAB_TOKEN (read_api is enough).

okr-lens report --help: a group's or project's quarter as the Key Review report, CSV or JSON.`;

/** The JSON document `view --json` prints: the panel's view in the CLI's stable shape. */
export function cliDocumentOf(view: OkrView) {
  const { item } = view;
  return {
    item: {
      url: item.url,
      reference: item.reference,
      type: item.type,
      carrier: item.carrier,
      title: item.title,
      state: item.state,
      score: item.score.value,
      method: item.score.method,
      explanation: item.score.explanation,
      gitlabProgress: item.gitlabProgress,
      health: item.health,
      stale: item.stale.stale,
    },
    chain: view.chain.map(({ url, reference, type, title, score }) => ({
      url,
      reference,
      type,
      title,
      score,
    })),
    children: view.children.map(({ url, reference, type, title, score, weight }) => ({
      url,
      reference,
      type,
      title,
      score,
      weight,
    })),
    warnings: view.warnings.map(({ rule, severity, message }) => ({ rule, severity, message })),
  };
}

const TYPE_LABEL = { objective: 'Objective', keyResult: 'Key result', issue: 'Issue' } as const;
const pct = (score: number | null) =>
  score === null ? 'no data' : `${(Math.round(score * 1000) / 10).toFixed(1)}%`;

/** The readable report: what the panel shows, as plain text. */
export function reportOf(view: OkrView): string {
  const { item } = view;
  const lines: string[] = [];
  view.chain.forEach((step, depth) =>
    lines.push(
      `${'  '.repeat(depth)}${TYPE_LABEL[step.type]} ${step.reference}  ${step.title}  (${pct(step.score)})`,
    ),
  );
  if (view.chainTruncated)
    lines.unshift('(the chain starts at an objective you can read; higher ones are hidden)');
  const indent = '  '.repeat(view.chain.length);
  lines.push(
    `${indent}${TYPE_LABEL[item.type]} ${item.reference}  ${item.title}  [${item.state}]`,
    '',
  );
  lines.push(`Score: ${pct(item.score.value)} (${item.score.method}) ${item.score.explanation}`);
  for (const detail of item.score.details) lines.push(`  ${detail}`);
  if (item.gitlabProgress !== null) {
    const drift =
      item.drift === null
        ? ''
        : `, drift ${item.drift > 0 ? '+' : ''}${item.drift.toFixed(1)} points`;
    lines.push(`${item.gitlabLabel ?? `GitLab shows: ${item.gitlabProgress}%`}${drift}`);
    if (item.gitlabNote) lines.push(`  ${item.gitlabNote}`);
  }
  if (item.quarter) lines.push(`Quarter: ${quarterLine(item.quarter)}`);
  lines.push(`Health: ${item.health ?? 'not set'}; ${item.stale.reason}`);
  if (view.children.length) {
    lines.push('', 'Children:');
    for (const child of view.children) {
      lines.push(
        `  ${TYPE_LABEL[child.type]} ${child.reference}  ${child.title}  ${pct(child.score)}  weight ${child.weight}`,
      );
    }
  }
  if (view.warnings.length) {
    lines.push('', 'Warnings:');
    for (const warning of view.warnings)
      lines.push(`  [${warning.severity}] ${warning.rule}: ${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'report') {
    return runReport(argv.slice(1), io, {
      sourceFor: (target) =>
        reportSourceFor({
          ...target,
          fetch: io.fetch,
          now: io.now ?? (() => new Date()),
          timeZone: io.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        }),
    });
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        instance: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const [command, url] = parsed.positionals;
  if (parsed.values.help || command !== 'view' || !url) {
    io.stderr(`${USAGE}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const instance = normaliseInstanceUrl(
    parsed.values.instance ?? new URL(url, 'https://invalid').origin,
  );
  const ref = instance ? workItemRefFromUrl(url, { basePath: instance.basePath }) : null;
  if (!instance || !ref) {
    io.stderr(`Not a GitLab work item or issue URL: ${url}\n`);
    return 2;
  }
  const token = io.env.GITLAB_TOKEN;
  if (!token) {
    io.stderr('Set GITLAB_TOKEN to a personal access token with the read_api (or api) scope.\n');
    return 2;
  }
  const now = io.now ?? (() => new Date());
  const record: InstanceRecord = { ...instance, addedAt: now().toISOString() };
  const secrets = createMemorySecretStore({ [record.baseUrl]: token });
  const service = createViewService({
    instances: async () => [record],
    clientFor: async (target) =>
      createGitLabClient({
        baseUrl: target.baseUrl,
        token: (await secrets.get(target.baseUrl)) ?? '',
        fetch: io.fetch,
      }),
    cache: createViewCache({
      persistent: { load: async () => ({}), save: async () => undefined },
      now,
      limit: 1,
    }),
    now,
    timeZone: () => io.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(io.carrierSettings
      ? { carrierSettings: async (target: WorkItemRef) => io.carrierSettings!(target) }
      : {}),
  });
  const result = await service.load(ref);
  if (!result.ok) {
    io.stderr(`${result.problem.message}\n`);
    return 1;
  }
  io.stdout(
    parsed.values.json
      ? `${JSON.stringify(cliDocumentOf(result.view), null, 2)}\n`
      : reportOf(result.view),
  );
  return 0;
}
