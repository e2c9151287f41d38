// The fault matrix: every sandbox fault against every surface (panel, popup quick-create, badge
// watch, CLI) on the real client over HTTP. Each cell asserts what the user is told (a problem of
// a specific kind, or the view when the fault is harmless), that nothing throws, and for the
// quick-create that no key result is lost or doubled: after the fault, the same drafts sent
// again end with exactly one key result each. The README's "Fault matrix" is this table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { FaultRule } from '../../sandbox/faults';
import { badgeOf } from '../../../lib/background/badge';
import { needsAction } from '../../../lib/services/stale-watch';
import {
  badgeWatch,
  cli,
  draft,
  keyResultTitlesUnder,
  NOW,
  panelView,
  quickCreate,
  type AnswerRewrite,
} from './surfaces';

const PANEL_ITEM = 'deep-kr-4';
const PARENT = 'empty-objective';
/** The background waits 20 s for GitLab; here 1.5 s, so a hung request costs little. */
const TIMEOUT_MS = 1_500;

let sandbox: Sandbox;
/** The panel item's warnings on a GitLab without faults. */
let baselineWarnings: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
  const clean = await panelView(sandbox, PANEL_ITEM);
  baselineWarnings = clean.ok ? clean.view.warnings.map((warning) => warning.rule) : ['(failed)'];
});
afterAll(async () => {
  await sandbox?.close();
  writeObservations();
});

// ---- What each cell showed, written to test-results/fault-matrix.md for the README ---------

type Surface = 'panel' | 'create' | 'badge' | 'cli';
const observed = new Map<string, Partial<Record<Surface, string>>>();
function observe(cell: Cell, surface: Surface, text: string): void {
  observed.set(cell.name, { ...observed.get(cell.name), [surface]: text });
}
function writeObservations(): void {
  const rows = [...observed].map(
    ([name, cells]) =>
      `| ${name} | ${(['panel', 'create', 'badge', 'cli'] as const)
        .map((surface) => (cells[surface] ?? '—').replaceAll('|', '/'))
        .join(' | ')} |`,
  );
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/fault-matrix.md',
    [
      '| fault | panel | popup create | badge watch | CLI |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}
const shown = (kind: string, message?: string) => (message ? `\`${kind}\`: ${message}` : kind);
beforeEach(() => sandbox.reset());

// ---- Data faults GitLab's API cannot be switched into: rewritten answers --------------------

type Node = Record<string, unknown>;

/** Applies `change` to every work item's hierarchy widget in a GraphQL answer. */
function eachHierarchy(change: (item: Node, ancestors: Node[]) => Node[]): AnswerRewrite {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    const widgets = Array.isArray(node.widgets) ? (node.widgets as Node[]) : [];
    for (const widget of widgets) {
      const ancestors = (widget.ancestors as { nodes?: Node[] } | undefined)?.nodes;
      if (widget.__typename === 'WorkItemWidgetHierarchy' && Array.isArray(ancestors)) {
        (widget.ancestors as { nodes: Node[] }).nodes = change(node, ancestors);
      }
    }
    Object.values(node).forEach(visit);
  };
  return (body) => {
    visit(body);
    return body;
  };
}

const objectiveLink = (n: number): Node => ({
  id: `gid://gitlab/WorkItem/${900_000 + n}`,
  iid: String(900 + n),
  reference: `gitlab-com/gitlab-okrs#${900 + n}`,
  webUrl: `${sandbox.url}/gitlab-com/gitlab-okrs/-/work_items/${900 + n}`,
  title: `Level ${n} objective`,
  state: 'OPEN',
  workItemType: { name: 'Objective' },
  widgets: [{ __typename: 'WorkItemWidgetHierarchy', hasParent: n > 0 }],
});

/** Fourteen objective levels above every item: more than GitLab's nine. */
const deeperThanGitLab = eachHierarchy((_item, ancestors) => [
  ...Array.from({ length: 14 }, (_, n) => objectiveLink(n)),
  ...ancestors,
]);

/** The item among its own ancestors, and its chain twice over: a loop. */
const loopingChain = eachHierarchy((item, ancestors) => [
  ...ancestors,
  { ...item, widgets: [] },
  ...ancestors,
]);

// ---- The matrix -------------------------------------------------------------------------------

interface Cell {
  name: string;
  fault?: FaultRule;
  rewrite?: AnswerRewrite;
  /** The problem kind a user is shown; `ok` when the surface works (the fault is harmless). */
  panel: string | RegExp;
  create: string | RegExp;
  badge: string | RegExp;
  cli: string | RegExp;
}

const CELLS: Cell[] = [
  {
    name: 'latency 1 s',
    fault: { kind: 'latency', ms: 1_000 },
    panel: 'ok',
    create: 'ok',
    badge: 'ok',
    cli: 'ok',
  },
  {
    name: 'timeout (no answer)',
    fault: { kind: 'timeout' },
    panel: 'timeout',
    create: 'timeout',
    badge: 'timeout',
    cli: 'skip',
  },
  {
    name: '401 token revoked',
    fault: { kind: 'status', status: 401 },
    panel: 'unauthorized',
    create: 'unauthorized',
    badge: 'unauthorized',
    cli: 'unauthorized',
  },
  {
    name: '403 forbidden',
    fault: { kind: 'status', status: 403 },
    panel: /forbidden|insufficientScope/,
    create: /forbidden|insufficientScope/,
    badge: /forbidden|insufficientScope/,
    cli: /forbidden|insufficientScope/,
  },
  {
    name: '404 not found',
    fault: { kind: 'status', status: 404 },
    panel: 'notFound',
    create: 'notFound',
    badge: 'notFound',
    cli: 'notFound',
  },
  {
    name: '429 Retry-After 30 s',
    fault: { kind: 'status', status: 429, retryAfter: 30 },
    panel: 'rateLimited',
    create: 'rateLimited',
    badge: 'rateLimited',
    cli: 'skip',
  },
  {
    name: '500 server error',
    fault: { kind: 'status', status: 500 },
    panel: 'server',
    create: 'server',
    badge: 'server',
    cli: 'server',
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformedJson' },
    panel: 'malformed',
    create: 'malformed',
    badge: 'malformed',
    cli: 'malformed',
  },
  {
    name: 'GraphQL errors',
    fault: { kind: 'graphqlErrors' },
    panel: /graphql|timeout/,
    create: /graphql|timeout/,
    badge: /graphql|timeout/,
    cli: /graphql|timeout/,
  },
  {
    name: 'GraphQL errors (a field GitLab no longer has)',
    fault: {
      kind: 'graphqlErrors',
      message: "Field 'progress' doesn't exist on type 'WorkItemWidgetProgress'",
    },
    panel: 'graphql',
    create: 'graphql',
    badge: 'graphql',
    cli: 'graphql',
  },
  {
    name: 'a query GitLab refuses (too complex)',
    fault: { kind: 'queryLimits', limits: { maxComplexity: 5 } },
    panel: 'queryRefused',
    create: 'queryRefused',
    badge: 'queryRefused',
    cli: 'queryRefused',
  },
  {
    name: 'progress widget missing',
    fault: { kind: 'missingWidget', widget: 'PROGRESS' },
    panel: 'ok',
    create: 'ok',
    badge: 'ok',
    cli: 'ok',
  },
  {
    name: 'hierarchy widget missing',
    fault: { kind: 'missingWidget', widget: 'HIERARCHY' },
    panel: 'ok',
    create: 'ok',
    badge: 'ok',
    cli: 'ok',
  },
  {
    name: 'chain deeper than GitLab allows',
    rewrite: deeperThanGitLab,
    panel: 'ok',
    create: 'ok',
    badge: 'ok',
    cli: 'ok',
  },
  {
    name: 'chain looping',
    rewrite: loopingChain,
    panel: 'ok',
    create: 'ok',
    badge: 'ok',
    cli: 'ok',
  },
];

const expectKind = (actual: string, expected: string | RegExp) =>
  typeof expected === 'string' ? expect(actual).toBe(expected) : expect(actual).toMatch(expected);

function switchOn(cell: Cell): void {
  if (cell.fault) sandbox.faults.control({ clear: true, add: cell.fault });
}

describe.each(CELLS)('fault: $name', (cell) => {
  it('panel: a specific problem (or the view), the chain within GitLab’s limits', async () => {
    switchOn(cell);
    const result = await panelView(sandbox, PANEL_ITEM, {
      timeoutMs: TIMEOUT_MS,
      rewrite: cell.rewrite,
    });
    observe(
      cell,
      'panel',
      result.ok
        ? `view (chain of ${result.view.chain.length}${result.view.chainTruncated ? ', marked cut' : ''})`
        : shown(result.problem.kind, result.problem.message),
    );
    expectKind(result.ok ? 'ok' : result.problem.kind, cell.panel);
    if (result.ok) {
      // Odd data may leave things unknown, never make up a handbook warning.
      const rules = result.view.warnings.map((warning) => warning.rule);
      expect(rules.filter((rule) => !baselineWarnings.includes(rule))).toEqual([]);
      const ids = result.view.chain.map((step) => step.url);
      expect(ids.length).toBeLessThanOrEqual(9);
      expect(new Set(ids).size).toBe(ids.length);
      if (cell.rewrite) expect(result.view.chainTruncated).toBe(true);
    } else {
      expect(result.problem.message.length).toBeGreaterThan(20);
      expect(result.problem.message).not.toContain(sandbox.tokens.api);
    }
  });

  it('popup create: told what happened; sent again, exactly one key result per draft', async () => {
    const popup = quickCreate(sandbox, { timeoutMs: TIMEOUT_MS, rewrite: cell.rewrite });
    const context = await popup.context(PARENT);
    expect(context.ok).toBe(true);
    const drafts = [draft('fm-1', 'Cut pages per week from 40 to 10')];
    switchOn(cell);
    const first = await popup.submit(PARENT, drafts);
    const outcome = first.ok ? first.outcomes[0] : undefined;
    const kind = !first.ok
      ? first.problem.kind
      : outcome?.state === 'created'
        ? 'ok'
        : (outcome?.problem?.kind ?? outcome?.state ?? 'none');
    observe(
      cell,
      'create',
      kind === 'ok'
        ? 'created; sent again: still one'
        : `${first.ok ? `${outcome?.state}, ` : ''}${shown(kind, first.ok ? outcome?.problem?.message : first.problem.message)}; sent again: created once`,
    );
    expectKind(kind, cell.create);
    if (first.ok && outcome?.state !== 'created') expect(outcome?.problem?.message).toBeTruthy();

    sandbox.faults.clear();
    const again = await popup.submit(PARENT, drafts);
    expect(again.ok && again.outcomes.map((o) => o.state)).toEqual(['created']);
    expect(keyResultTitlesUnder(sandbox, PARENT)).toEqual(['Cut pages per week from 40 to 10']);
  });

  it('badge watch: the failure mark, or the last count kept with the reason in the tooltip', async () => {
    const before = await badgeWatch(sandbox, { timeoutMs: TIMEOUT_MS });
    expect(before.items.length).toBeGreaterThan(0);
    switchOn(cell);
    const report = await badgeWatch(
      sandbox,
      { timeoutMs: TIMEOUT_MS, rewrite: cell.rewrite },
      before,
    );
    const failure = report.failures[0];
    const badge = badgeOf(report);
    observe(
      cell,
      'badge',
      failure
        ? `badge "${badge.text}", tooltip ${shown(failure.problem.kind, failure.problem.message)}`
        : `badge "${badge.text}" (${report.items.length} stale)`,
    );
    expectKind(failure ? failure.problem.kind : 'ok', cell.badge);
    if (failure) {
      expect(badge.title).toContain(failure.problem.message);
      // A token or access problem shows the mark; a passing one keeps the count it had.
      expect(badge.text).toBe(needsAction(failure.problem) ? '!' : String(before.items.length));
    } else {
      expect(report.state).toBe('ok');
      expect(report.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
      for (const item of report.items) {
        expect(item.chain.length).toBeLessThanOrEqual(9);
        expect(new Set(item.chain.map((step) => step.url)).size).toBe(item.chain.length);
      }
    }
  });

  it.skipIf(cell.cli === 'skip')('CLI: exit 1 with the sentence, or the report', async () => {
    switchOn(cell);
    const run = await cli(sandbox, PANEL_ITEM, { json: true, rewrite: cell.rewrite });
    observe(
      cell,
      'cli',
      `exit ${run.code}${run.stderr ? `: ${run.stderr.trim()}` : ', JSON report'}`,
    );
    if (cell.cli === 'ok') {
      expect(run.code).toBe(0);
      const document = JSON.parse(run.stdout) as { chain: unknown[] };
      expect(document.chain.length).toBeLessThanOrEqual(9);
    } else {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const panel = await panelView(sandbox, PANEL_ITEM, { timeoutMs: TIMEOUT_MS });
      expectKind(panel.ok ? 'ok' : panel.problem.kind, cell.cli);
      // The CLI prints the panel's sentence for the same fault.
      expect(run.stderr.trim()).toBe(panel.ok ? '' : panel.problem.message);
    }
  });
});
