// Builds OKR nodes for tests: readable builders for hand-made examples, fast-check arbitraries
// for property tests, and a seeded generator of sized trees for the benchmark.
import fc from 'fast-check';
import type {
  HealthStatus,
  Note,
  OkrNode,
  Person,
  ProgressValues,
  Quarter,
} from '../../lib/okr/model';

let nextId = 1;

/** A node with harmless defaults: open, one DRI, no milestone, nothing linked. */
export function okrNode(partial: Partial<OkrNode> = {}): OkrNode {
  const n = nextId++;
  return {
    id: `gid://gitlab/WorkItem/${n}`,
    reference: `okrs/okrs#${n}`,
    url: `https://gitlab.example/okrs/okrs/-/work_items/${n}`,
    kind: 'keyResult',
    title: `Raise the rate from 10 to 17 (${n})`,
    state: 'opened',
    createdAt: '2024-05-01T09:00:00Z',
    closedAt: null,
    description: '',
    tasks: null,
    progress: null,
    health: 'onTrack',
    assignees: [person('dri')],
    milestone: null,
    startDate: null,
    dueDate: null,
    labels: [],
    notes: [],
    children: [],
    linkedItems: [],
    ...partial,
  };
}

export function keyResult(partial: Partial<OkrNode> = {}): OkrNode {
  return okrNode({ kind: 'keyResult', ...partial });
}

export function objective(children: OkrNode[] = [], partial: Partial<OkrNode> = {}): OkrNode {
  return okrNode({ kind: 'objective', title: 'Grow the team', children, ...partial });
}

export function issue(partial: Partial<OkrNode> = {}): OkrNode {
  return okrNode({ kind: 'issue', title: 'An issue', health: null, ...partial });
}

export function person(username: string): Person {
  return { username, name: username };
}

export function quarter(
  title = 'FY25-Q2',
  startDate = '2024-05-01',
  dueDate = '2024-07-31',
): Quarter {
  return { title, startDate, dueDate };
}

export function progress(values: Partial<ProgressValues> = {}): ProgressValues {
  return {
    progress: null,
    startValue: null,
    currentValue: null,
    endValue: null,
    updatedAt: null,
    ...values,
  };
}

export function systemNote(body: string, createdAt: string): Note {
  return { body, createdAt, system: true };
}

export function comment(body: string, createdAt: string): Note {
  return { body, createdAt, system: false, author: 'dri' };
}

/** A description holding an okr block with the given lines. */
export function okrBlock(...lines: string[]): string {
  return ['Scoring:', '', '```okr', ...lines, '```', ''].join('\n');
}

/** Every node of a tree, each with its parent (null for the root), parents first. */
export function walk(root: OkrNode): { node: OkrNode; parent: OkrNode | null }[] {
  const out: { node: OkrNode; parent: OkrNode | null }[] = [{ node: root, parent: null }];
  for (let i = 0; i < out.length; i++) {
    const { node } = out[i]!;
    for (const child of node.children) out.push({ node: child, parent: node });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries

const arbHealth: fc.Arbitrary<HealthStatus | null> = fc.constantFrom(
  null,
  'onTrack',
  'needsAttention',
  'atRisk',
);

const arbDate = fc
  .integer({ min: 0, max: 730 })
  .map((day) => new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));

const arbTimestamp = arbDate.chain((date) =>
  fc.integer({ min: 0, max: 23 }).map((h) => `${date}T${String(h).padStart(2, '0')}:15:00Z`),
);

export const arbIssue: fc.Arbitrary<OkrNode> = fc
  .record({
    closed: fc.boolean(),
    total: fc.integer({ min: 0, max: 12 }),
    done: fc.integer({ min: 0, max: 12 }),
    hasTasks: fc.boolean(),
  })
  .map(({ closed, total, done, hasTasks }) =>
    issue({
      state: closed ? 'closed' : 'opened',
      tasks: hasTasks ? { total, completed: Math.min(done, total) } : null,
    }),
  );

const arbNumberText = fc.oneof(
  fc.integer({ min: -50, max: 200 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
  fc.constantFrom('', 'seventeen', '12%', 'NaN', '1e400', '[1, 2]'),
);

const arbBlockLine: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('scoring: rate', 'scoring: milestones', 'scoring: issues', 'scoring: manual'),
  fc.constantFrom('scoring: weekly', 'scoring:', 'nonsense line', '# a comment', ''),
  arbNumberText.map((v) => `initial: ${v}`),
  arbNumberText.map((v) => `target: ${v}`),
  fc.array(arbNumberText, { maxLength: 5 }).map((vs) => `monthly: [${vs.join(', ')}]`),
  arbNumberText.map((v) => `months: ${v}`),
  arbNumberText.map((v) => `weight: ${v}`),
  fc.oneof(arbDate, fc.string()).map((v) => `due: ${v}`),
  fc.constantFrom('late: zero', 'late: 10%/week', 'late: 25% per week', 'late: soon'),
  fc
    .tuple(fc.boolean(), fc.integer({ min: -20, max: 250 }), fc.string())
    .map(([done, pct, label]) => `- [${done ? 'x' : ' '}] ${pct}% ${label}`),
  fc.string(),
);

/** Descriptions: plain text, well-formed blocks, broken blocks, and noise. */
export const arbDescription: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.array(arbBlockLine, { maxLength: 10 }).map((lines) => okrBlock(...lines)),
  fc
    .tuple(fc.array(arbBlockLine, { maxLength: 6 }), fc.string())
    .map(([lines, tail]) => ['```okr', ...lines, tail].join('\n')),
  fc
    .array(fc.oneof(arbBlockLine, fc.constantFrom('```', '```okr', '~~~okr', '~~~', '```js')), {
      maxLength: 12,
    })
    .map((lines) => lines.join('\n')),
);

const arbProgress: fc.Arbitrary<ProgressValues | null> = fc.option(
  fc.record({
    progress: fc.option(fc.integer({ min: 0, max: 100 })),
    startValue: fc.option(fc.double({ min: -1000, max: 1000, noNaN: true })),
    currentValue: fc.option(fc.double({ min: -1000, max: 1000, noNaN: true })),
    endValue: fc.option(fc.double({ min: -1000, max: 1000, noNaN: true })),
    updatedAt: fc.option(arbTimestamp),
  }),
);

const arbNote: fc.Arbitrary<Note> = fc.record({
  body: fc.oneof(
    fc.constantFrom(
      'changed health status to **at risk**',
      'changed health status to **needs attention**',
      'changed health status to **on track**',
      'removed the health status',
      'changed progress to **40%**',
      'changed progress to **40**',
      'marked this key result as related to #12',
      'Good: shipped. Bad: late. Try: smaller steps.',
    ),
    fc.string(),
  ),
  createdAt: fc.oneof(arbTimestamp, fc.constantFrom('', 'not a date')),
  system: fc.boolean(),
});

const arbCommon = fc.record({
  title: fc.oneof(fc.string(), fc.constantFrom('FY24-Q2 Grow', 'KR: hire 5', 'Hire 5 people')),
  state: fc.constantFrom('opened' as const, 'closed' as const),
  closedAt: fc.option(arbTimestamp),
  createdAt: fc.option(arbTimestamp),
  description: arbDescription,
  health: arbHealth,
  assignees: fc.array(fc.constantFrom('ann', 'bob', 'cy').map(person), { maxLength: 3 }),
  milestone: fc.option(
    fc.record({
      title: fc.constantFrom('FY25-Q1', 'FY25-Q2'),
      startDate: fc.option(arbDate),
      dueDate: fc.option(arbDate),
    }),
  ),
  startDate: fc.option(arbDate),
  dueDate: fc.option(arbDate),
  notes: fc.array(arbNote, { maxLength: 4 }),
  progress: arbProgress,
});

export const arbKeyResult: fc.Arbitrary<OkrNode> = fc
  .tuple(arbCommon, fc.array(arbIssue, { maxLength: 5 }))
  .map(([common, linkedItems]) => keyResult({ ...common, linkedItems }));

/** Trees of objectives and key results, up to `depth` objective levels. */
export function arbTree(depth = 3): fc.Arbitrary<OkrNode> {
  if (depth <= 0) return arbKeyResult;
  return fc.oneof(
    { weight: 1, arbitrary: arbKeyResult },
    {
      weight: 2,
      arbitrary: fc
        .tuple(arbCommon, fc.array(arbTree(depth - 1), { maxLength: 5 }), fc.boolean())
        .map(([common, children, incomplete]) =>
          objective(children, { ...common, childrenIncomplete: incomplete && children.length > 0 }),
        ),
    },
  );
}

export const arbTimeZone = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Pacific/Kiritimati',
  'Not/AZone',
  '',
);

// ---------------------------------------------------------------------------------------------
// Seeded trees of a given size, for the benchmark

/** mulberry32: a small, fast, seeded PRNG so every benchmark run sees the same trees. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_OBJECTIVE_DEPTH = 9;

/**
 * A tree of exactly `size` objectives and key results (linked issues come on top), with
 * every scoring method, health states, notes, DRIs and quarters represented. Fan-out grows with
 * size so the depth stays within GitLab's nine objective levels.
 */
export function generateTree(size: number, seed = 42): OkrNode {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const people = Array.from({ length: Math.max(3, Math.ceil(size / 12)) }, (_, i) =>
    person(`dri${i}`),
  );
  const quarters = [quarter('FY25-Q1', '2024-02-01', '2024-04-30'), quarter()];
  const fanOut = Math.max(3, Math.ceil(size ** (1 / 5)));
  const today = Date.UTC(2024, 5, 15);
  const stamp = (daysAgo: number) => new Date(today - daysAgo * 86_400_000).toISOString();

  const common = (): Partial<OkrNode> => ({
    title: pick(['Hire 5 engineers', 'FY25-Q2 Improve onboarding', 'KR: ship 3 features']),
    state: random() < 0.9 ? 'opened' : 'closed',
    closedAt: random() < 0.1 ? stamp(random() * 60) : null,
    health: pick<HealthStatus | null>(['onTrack', 'onTrack', 'needsAttention', 'atRisk', null]),
    assignees: random() < 0.9 ? [pick(people)] : [],
    milestone: random() < 0.95 ? pick(quarters) : null,
    dueDate: random() < 0.5 ? '2024-06-30' : null,
    notes: [
      systemNote('changed health status to **at risk**', stamp(random() * 60)),
      systemNote('changed progress to **40%**', stamp(random() * 60)),
      ...(random() < 0.3 ? [comment('Blocked on hiring; see #12', stamp(random() * 10))] : []),
    ],
  });

  const keyResultOfKind = (): OkrNode => {
    const linkedItems = Array.from({ length: Math.floor(random() * 4) }, () =>
      issue({
        state: random() < 0.4 ? 'closed' : 'opened',
        tasks: random() < 0.5 ? { total: 9, completed: Math.floor(random() * 10) } : null,
      }),
    );
    const method = Math.floor(random() * 7);
    const base = { ...common(), linkedItems };
    switch (method) {
      case 0:
        return keyResult({
          ...base,
          description: okrBlock('scoring: rate', 'initial: 10', 'target: 17', 'monthly: [12, 13]'),
        });
      case 1:
        return keyResult({
          ...base,
          description: okrBlock('scoring: milestones', '- [x] 20% Analysis', '- [ ] 100% Done'),
        });
      case 2:
        return keyResult({ ...base, description: okrBlock('scoring: issues', 'weight: 2') });
      case 3:
        return keyResult({
          ...base,
          progress: progress({ startValue: 10, currentValue: 13, endValue: 17, progress: 43 }),
        });
      case 4:
        return keyResult({ ...base, progress: progress({ progress: Math.floor(random() * 101) }) });
      case 5:
        return keyResult({ ...base, description: 'See https://gitlab.example/g/p/-/issues/3' });
      default:
        return keyResult({
          ...base,
          description: okrBlock('weight: 0', 'due: 2024-06-01', 'late: 10%/week'),
        });
    }
  };

  const root = objective([], { ...common(), state: 'opened' });
  let count = 1;
  const queue: { node: OkrNode; depth: number }[] = [{ node: root, depth: 1 }];
  for (let head = 0; count < size && head < size * 10; head++) {
    // Should every objective be full, start again at the top and add more children.
    const slot = queue[head % queue.length]!;
    const children = 1 + Math.floor(random() * fanOut * 2);
    for (let i = 0; i < children && count < size && slot.node.children.length < 100; i++) {
      const makeObjective = slot.depth < MAX_OBJECTIVE_DEPTH && random() < 0.45;
      const child = makeObjective ? objective([], common()) : keyResultOfKind();
      slot.node.children.push(child);
      count++;
      if (makeObjective) queue.push({ node: child, depth: slot.depth + 1 });
    }
  }
  const progressOf = (node: OkrNode): number => {
    if (node.kind !== 'objective') return node.progress?.progress ?? 0;
    const rolled = node.children.length
      ? Math.floor(node.children.reduce((s, c) => s + progressOf(c), 0) / node.children.length)
      : 0;
    node.progress = progress({ progress: random() < 0.1 ? 50 : rolled });
    return node.progress.progress ?? 0;
  };
  progressOf(root);
  return root;
}
