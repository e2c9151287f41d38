// The `okr-lens` command line: the same view service as the panel, for reports and checks
// outside the browser. `runCli` takes its I/O as arguments so tests drive it directly.
import { parseArgs } from 'node:util';
import { normaliseInstanceUrl } from './instances';
import type { WorkItemRef } from './messages';
import { workItemRefFromUrl } from './page';
import { createGitLabClient } from './gitlab/client';
import { createMemorySecretStore } from './secrets';
import type { InstanceRecord } from './settings';
import { createViewService } from './services/okr-view';
import { createViewCache } from './services/view-cache';
import { runReport } from './cli-report';
import { reportSourceFor } from './cli-report-source';
import type { OkrView } from './view';
import { quarterLine } from './okr/format';
import {
  CARRIER_IDS,
  CARRIER_NAMES,
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
  type CarrierId,
  type CarrierSettings,
} from './gitlab/carriers/conventions';
import type { GitLabClient } from './gitlab/client';
import { detectCarrier, topLevelGroupOf, type CarrierProposal } from './services/detect-carrier';
import { problemOf } from './services/problems';

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

const USAGE = `Usage: okr-lens view <work item URL> [--json] [--instance <GitLab base URL>] [carrier flags]

  view    the item's parent chain, score with its explanation, children and handbook warnings
  --json  print exactly one JSON document
  --instance  the instance's base URL when it has a relative URL root (e.g. https://example.com/gitlab)

An item that is no OKR as GitLab's Objective and Key Result types read it makes OKR Lens detect how
its group keeps them, as the extension does (epics and labelled issues, a custom "Key result"
type). These flags override it:
  --carrier workItemTypes|epics   OKR work item types, or epics and issues
  --objective-label <labels>      labels an objective epic carries, e.g. okr:o or OKR,Objective (repeatable)
  --key-result-label <labels>     labels a key result carries, e.g. okr:kr or OKR,"Key Result" (repeatable)
  --quarter-label <pattern>       the quarter from a label, e.g. okrq:{quarter}
  --objective-type <name>         type names of objectives (repeatable), e.g. Objective
  --key-result-type <name>        type names of key results (repeatable), e.g. "Key result"
  --field-start <name>, --field-current <name>, --field-target <name>
                                  the custom number fields holding a key result's values

The token comes from GITLAB_TOKEN (read_api is enough).

okr-lens report --help: a group's or project's quarter as the Key Review report, CSV or JSON.`;

/** The carrier flags as parsed (each absent when not given). */
export interface CarrierFlags {
  carrier?: string;
  'objective-label'?: string[];
  'key-result-label'?: string[];
  'quarter-label'?: string;
  'objective-type'?: string[];
  'key-result-type'?: string[];
  'field-start'?: string;
  'field-current'?: string;
  'field-target'?: string;
}

const CARRIER_OPTIONS = {
  carrier: { type: 'string' },
  'objective-label': { type: 'string', multiple: true },
  'key-result-label': { type: 'string', multiple: true },
  'quarter-label': { type: 'string' },
  'objective-type': { type: 'string', multiple: true },
  'key-result-type': { type: 'string', multiple: true },
  'field-start': { type: 'string' },
  'field-current': { type: 'string' },
  'field-target': { type: 'string' },
} as const;

/** `OKR,Objective` → `['OKR', 'Objective']`: the labels of one set, all of which an item carries. */
function labelSet(text: string): string[] {
  return text
    .split(',')
    .map((label) => label.trim())
    .filter(Boolean);
}

/** Whether the flags choose the carrier outright (no detection needed). */
export function flagsChooseCarrier(flags: CarrierFlags): boolean {
  return flags.carrier !== undefined;
}

/**
 * The settings a run reads with: the detected (or chosen) carrier's, with each flag given laid
 * over it. A bad flag is a message for stderr.
 */
export function carrierSettingsOf(
  flags: CarrierFlags,
  detected: CarrierSettings | null,
): CarrierSettings | string {
  if (flags.carrier !== undefined && !(CARRIER_IDS as readonly string[]).includes(flags.carrier))
    return `--carrier must be ${CARRIER_IDS.join(' or ')}, not ${flags.carrier}.`;
  const chosen = flags.carrier as CarrierId | undefined;
  const base =
    chosen === 'epics'
      ? detected?.carrier === 'epics'
        ? detected
        : DEFAULT_EPIC_SETTINGS
      : chosen === 'workItemTypes'
        ? detected?.carrier === 'workItemTypes'
          ? detected
          : DEFAULT_CARRIER_SETTINGS
        : (detected ?? DEFAULT_CARRIER_SETTINGS);
  const settings: CarrierSettings = structuredClone(base);
  const objectiveLabels = flags['objective-label']?.map(labelSet).filter((set) => set.length);
  const keyResultLabels = flags['key-result-label']?.map(labelSet).filter((set) => set.length);
  if (objectiveLabels?.length) {
    settings.objectiveLabels = objectiveLabels;
    settings.objectiveEpics = 'labelled';
  }
  if (keyResultLabels?.length) settings.keyResultLabels = keyResultLabels;
  const quarter = flags['quarter-label'];
  if (quarter !== undefined) {
    if (!quarter.includes('{quarter}'))
      return `--quarter-label needs {quarter} where the quarter's title goes, e.g. okrq:{quarter}.`;
    settings.quarter = { source: 'label', labelPattern: quarter };
  }
  if (flags['objective-type']?.length) settings.objectiveTypeNames = flags['objective-type'];
  if (flags['key-result-type']?.length) settings.keyResultTypeNames = flags['key-result-type'];
  if (flags['field-start']) settings.fields.start = [flags['field-start']];
  if (flags['field-current']) settings.fields.current = [flags['field-current']];
  if (flags['field-target']) settings.fields.target = [flags['field-target']];
  return settings;
}

/**
 * Detection once per top-level group and run, as the extension's (lib/services/detect-carrier):
 * a group where nothing is found reads GitLab's OKR types.
 */
export function runDetections(client: () => Promise<GitLabClient>) {
  const detections = new Map<string, Promise<CarrierProposal>>();
  return (fullPath: string): Promise<CarrierProposal> => {
    const group = topLevelGroupOf(fullPath);
    let detection = detections.get(group);
    if (!detection) {
      detection = client().then((gitlab) => detectCarrier({ client: gitlab }, fullPath));
      detections.set(group, detection);
    }
    return detection;
  };
}

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
  lines.push(`Read as: ${CARRIER_NAMES[item.carrier].toLowerCase()}`);
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
        ...CARRIER_OPTIONS,
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
  const flags = parsed.values as CarrierFlags;
  const client = createGitLabClient({
    baseUrl: record.baseUrl,
    token: (await secrets.get(record.baseUrl)) ?? '',
    fetch: io.fetch,
  });
  // GitLab's OKR types first (with any flags laid over them), as the extension reads a group
  // nobody set up; only an item that is then no OKR makes it detect (once per group and run).
  let carrier = carrierSettingsOf(flags, null);
  if (typeof carrier === 'string') {
    io.stderr(`${carrier}\n${USAGE}\n`);
    return 2;
  }
  let settings: CarrierSettings = carrier;
  const service = createViewService({
    instances: async () => [record],
    clientFor: async () => client,
    // A caller's own settings (tests) come first; then the flags over what was detected.
    carrierSettings: async (target: WorkItemRef) =>
      io.carrierSettings ? io.carrierSettings(target) : settings,
    cache: createViewCache({
      persistent: { load: async () => ({}), save: async () => undefined },
      now,
      limit: 1,
    }),
    now,
    timeZone: () => io.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  let result = await service.load(ref);
  const notes: string[] = [];
  if (
    !result.ok &&
    result.problem.kind === 'notAnOkr' &&
    !flagsChooseCarrier(flags) &&
    !io.carrierSettings
  ) {
    try {
      const proposal = await runDetections(async () => client)(ref.fullPath);
      if (proposal.found && proposal.settings) {
        carrier = carrierSettingsOf(flags, proposal.settings);
        if (typeof carrier !== 'string') {
          settings = carrier;
          result = await service.load(ref);
        }
      } else {
        notes.push(proposal.summary);
      }
    } catch (error) {
      notes.push(
        `OKR Lens could not detect how ${topLevelGroupOf(ref.fullPath)} keeps its OKRs: ${problemOf(error).message} Choose with --carrier.`,
      );
    }
  }
  if (!result.ok) {
    io.stderr(`${[result.problem.message, ...notes].join('\n')}\n`);
    return 1;
  }
  io.stdout(
    parsed.values.json
      ? `${JSON.stringify(cliDocumentOf(result.view), null, 2)}\n`
      : reportOf(result.view),
  );
  return 0;
}
