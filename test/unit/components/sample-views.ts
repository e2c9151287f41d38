// Sample OKR views for the component tests and the panel preview, each checked against the view
// schema so they are shapes the background may really send.
import { OkrViewSchema, type ChainStep, type OkrView } from '../../../lib/view';

const base = 'https://gitlab.example.com/gitlab-com/okrs/-/work_items';

export function step(overrides: Partial<ChainStep> & { title: string }): ChainStep {
  return {
    url: `${base}/${Math.abs(hash(overrides.title)) % 1000}`,
    reference: `gitlab-com/okrs#${Math.abs(hash(overrides.title)) % 1000}`,
    type: 'objective',
    state: 'opened',
    health: 'onTrack',
    score: 0.5,
    ...overrides,
  };
}

/** A key result two objectives deep, scored from start → target values, drifting from GitLab. */
export function keyResultView(): OkrView {
  return OkrViewSchema.parse({
    item: {
      id: 'gid://gitlab/WorkItem/4141',
      url: `${base}/41`,
      reference: 'gitlab-com/okrs#41',
      type: 'keyResult',
      title: 'Raise weekly active OKR owners from 120 to 200',
      state: 'opened',
      health: 'needsAttention',
      assignees: [{ username: 'ally', name: 'Ally Example' }],
      milestone: 'FY27-Q4',
      quarter: {
        title: 'FY27-Q4',
        source: 'milestone',
        startDate: '2026-11-01',
        dueDate: '2027-01-31',
      },
      carrier: 'workItemTypes',
      customValues: null,
      score: {
        value: 0.414,
        method: 'values',
        explanation: 'Start 120 → target 200, now 153: (153 − 120) / (200 − 120) = 41.3%',
        details: ['Start value 120', 'Current value 153', 'Target value 200'],
        band: 'amber',
        expected: 0.72,
        behind: true,
      },
      gitlabProgress: 28,
      progress: { progress: 28, startValue: 120, currentValue: 153, endValue: 200 },
      gitlabRollup: null,
      drift: 13.4,
      stale: {
        stale: true,
        reason: 'Health was last set on 2 October, before this month’s check-in.',
        code: 'notThisMonth',
        lastUpdate: '2026-10-02T09:00:00.000Z',
      },
    },
    chain: [
      step({ title: 'Make OKRs visible across the company', score: 0.62, health: 'onTrack' }),
      step({ title: 'Ship OKR Lens to every team', score: 0.38, health: 'atRisk' }),
    ],
    chainTruncated: false,
    children: [],
    warnings: [
      {
        rule: 'behind-schedule',
        severity: 'warning',
        message:
          'Score 41.4% is more than 25 points behind the expected 72%. Say why in a comment.',
        source: '002 “Maintaining the status of OKRs”',
      },
      {
        rule: 'missing-issue-link',
        severity: 'info',
        message: 'Link the issue or epic that delivers this key result in its description.',
        source: '001 “If a GitLab issue or epic exists, make sure to include a link”',
      },
      {
        rule: 'one-dri',
        severity: 'error',
        message: 'Give this key result exactly one DRI.',
        source: '000 “only one DRI”',
      },
      {
        rule: 'not-measurable',
        severity: 'info',
        message: 'Put a number in the title: from x to y.',
        source: '002 “Measurable”',
      },
    ],
    linkedKeyResults: [],
    fetchedAt: '2026-11-21T09:05:00.000Z',
  });
}

/** An objective with weighted children, one folded by weight 0. */
export function objectiveView(): OkrView {
  const view = keyResultView();
  return OkrViewSchema.parse({
    ...view,
    item: {
      ...view.item,
      type: 'objective',
      title: 'Ship OKR Lens to every team',
      health: 'onTrack',
      score: {
        value: 0.725,
        method: 'rollup',
        explanation: 'Weighted mean of 3 children: (0.6 × 2 + 0.95 × 1) / 3 = 71.7%',
        details: [],
        band: 'green',
        expected: null,
        behind: false,
      },
      gitlabProgress: 70,
      progress: { progress: 70, startValue: null, currentValue: null, endValue: null },
      gitlabRollup: 65,
      drift: 2.5,
      stale: {
        stale: false,
        reason: 'Health updated this month.',
        code: 'fresh',
        lastUpdate: null,
      },
    },
    chain: [step({ title: 'Make OKRs visible across the company' })],
    children: [
      {
        ...step({ title: 'Adopt in 10 teams', type: 'keyResult', score: 0.6 }),
        weight: 2,
        method: 'values',
      },
      {
        ...step({ title: 'Docs published', type: 'keyResult', score: 0.95, state: 'closed' }),
        weight: 1,
        method: 'milestones',
      },
      {
        ...step({ title: 'Nice to have', type: 'keyResult', score: null, health: null }),
        weight: 0,
        method: 'none',
      },
    ],
    warnings: [],
  });
}

/** An issue that counts toward two key results. */
export function issueView(): OkrView {
  const view = keyResultView();
  return OkrViewSchema.parse({
    ...view,
    item: {
      ...view.item,
      type: 'issue',
      title: 'Build the panel',
      health: null,
      score: {
        value: 0.5,
        method: 'linkedIssues',
        explanation: '1 of 2 tasks done: 50%',
        details: [],
        band: 'amber',
        expected: null,
        behind: false,
      },
      gitlabProgress: null,
      progress: null,
      drift: null,
    },
    chain: [],
    warnings: [],
    linkedKeyResults: [
      {
        keyResult: step({
          title: 'Raise weekly active OKR owners',
          type: 'keyResult',
          score: 0.41,
        }),
        chain: [step({ title: 'Make OKRs visible' }), step({ title: 'Ship OKR Lens' })],
      },
      {
        keyResult: step({ title: 'Cut setup time to 2 minutes', type: 'keyResult', score: 0.8 }),
        chain: [step({ title: 'Delight new users' })],
      },
    ],
  });
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return value;
}
