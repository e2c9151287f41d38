// Drafts of key results: what stops one from being sent, the description GitLab receives, the
// handbook's verdict while typing, and the draft book that survives a closed popup.
import { describe, expect, it } from 'vitest';
import { parseScoringBlock } from '@/lib/okr';
import { staleness } from '@/lib/okr/staleness';
import type { CreateContext, WorkItemRef } from '@/lib/messages';
import {
  checkDrafts,
  composeDescription,
  createDraftBook,
  descriptionTemplate,
  draftErrors,
  draftNode,
  FIRST_HEALTH,
  newDraft,
  readValues,
  toSubmission,
} from '@/lib/services/drafts';
import type { DraftSet, KeyResultDraft } from '@/lib/settings';
import { memoryRecords } from '../../support/memory-records';

const context: CreateContext = {
  parent: {
    id: 'gid://gitlab/WorkItem/70',
    reference: 'okrs/engineering#7',
    url: 'https://gitlab.example.com/okrs/engineering/-/work_items/7',
    title: 'Ship a calmer on-call',
    kind: 'objective',
    state: 'opened',
    milestone: {
      id: 'gid://gitlab/Milestone/3',
      title: 'FY27-Q4',
      startDate: '2026-11-01',
      dueDate: '2027-01-31',
    },
    children: [{ title: 'Halve the pages', kind: 'keyResult', state: 'opened' }],
    childrenIncomplete: false,
  },
  members: [{ id: 'gid://gitlab/User/1', username: 'ada', name: 'Ada Lovelace' }],
  milestones: [
    {
      id: 'gid://gitlab/Milestone/3',
      title: 'FY27-Q4',
      startDate: '2026-11-01',
      dueDate: '2027-01-31',
    },
    {
      id: 'gid://gitlab/Milestone/4',
      title: 'FY28-Q1',
      startDate: '2027-02-01',
      dueDate: '2027-04-30',
    },
  ],
  me: 'ada',
};

function typed(overrides: Partial<KeyResultDraft>): KeyResultDraft {
  return { ...newDraft('d1'), ...overrides };
}

const today = { today: '2026-11-21', timeZone: 'UTC' };

describe('what stops a draft', () => {
  it('needs a title', () => {
    expect(draftErrors(typed({ title: '  ' })).title).toMatch(/needs a title/);
    expect(draftErrors(typed({ title: 'Cut pages from 40 to 10' }))).toEqual({});
  });

  it('takes whole numbers as people type them, current defaulting to start', () => {
    expect(readValues(typed({ startValue: '1,000', targetValue: ' 2000 ' }))).toEqual({
      ok: true,
      values: { startValue: 1000, currentValue: 1000, endValue: 2000 },
    });
    expect(readValues(typed({}))).toEqual({ ok: true, values: null });
  });

  it('refuses decimals, a missing target and start equal to target', () => {
    expect(draftErrors(typed({ startValue: '92.5', targetValue: '95' })).values).toMatch(
      /whole numbers/,
    );
    expect(draftErrors(typed({ startValue: '10' })).values).toMatch(/both a start and a target/);
    expect(draftErrors(typed({ startValue: '10', targetValue: '10' })).values).toMatch(
      /must differ/,
    );
  });

  it('refuses before sending a number GitLab’s Int cannot hold (GitLab would refuse the request)', () => {
    expect(draftErrors(typed({ startValue: '0', targetValue: '3,000,000,000' })).values).toBe(
      'GitLab takes whole numbers from −2,147,483,648 to 2,147,483,647: count in a larger unit ' +
        '(thousands, millions) to fit.',
    );
    expect(
      draftErrors(typed({ startValue: '0', currentValue: '2147483647', targetValue: '10' })).values,
    ).toBeUndefined();
  });
});

describe('the description GitLab receives', () => {
  it('starts with the handbook sections', () => {
    expect(descriptionTemplate()).toMatch(
      /### Overview[\s\S]*### DRI[\s\S]*### Action items[\s\S]*### Scoring/,
    );
  });

  it('fills an empty DRI section with the DRI and an empty Scoring section with how it is scored', () => {
    const text = composeDescription(
      typed({ startValue: '40', currentValue: '35', targetValue: '10', unit: 'pages a week' }),
      { username: 'ada' },
    );
    expect(text).toMatch(/### DRI\n\n@ada\n/);
    expect(text).toMatch(
      /### Scoring\n\nScored by progress from 40 pages a week \(start\) to 10 pages a week \(target\); current 35 pages a week\./,
    );
  });

  it('keeps what the owner wrote in a section', () => {
    const description = descriptionTemplate().replace(
      '### DRI\n',
      '### DRI\n\n@grace and the SRE team\n',
    );
    const text = composeDescription(typed({ description }), { username: 'ada' });
    expect(text).toContain('@grace and the SRE team');
    expect(text).not.toContain('@ada');
  });

  it('adds an okr scoring block that the scoring parser reads back', () => {
    const text = composeDescription(
      typed({ startValue: '10', targetValue: '17', scoringBlock: 'rate' }),
      null,
    );
    const parsed = parseScoringBlock(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.block?.rate).toMatchObject({ initial: 10, target: 17, monthly: [] });
  });

  it('drops the empty checkbox of the template (GitLab would count it as an open task)', () => {
    expect(composeDescription(typed({}), null)).not.toMatch(/\[ \]/);
  });

  it('makes the submission with the parent milestone by default and none when asked', () => {
    const draft = typed({ title: 'Cut pages from 40 to 10', assigneeId: 'gid://gitlab/User/1' });
    expect(toSubmission(draft, context)).toMatchObject({
      milestoneId: 'gid://gitlab/Milestone/3',
      assigneeIds: ['gid://gitlab/User/1'],
      progress: null,
    });
    expect(toSubmission({ ...draft, milestone: 'none' }, context)?.milestoneId).toBeNull();
    expect(toSubmission({ ...draft, title: '' }, context)).toBeNull();
  });
});

describe('a new key result’s health', () => {
  const created = (draft: KeyResultDraft, at: string) => ({
    ...draftNode(draft, context),
    createdAt: at,
  });
  const judged = { timeZone: 'UTC', holidays: [], maxAgeDays: 35, businessDayDeadline: 5 };

  it('starts on track, so creating one never adds to the stale count', () => {
    const draft = typed({ title: 'Cut pages from 40 to 10' });
    expect(draft.health).toBe('onTrack');
    expect(toSubmission(draft, context)?.healthStatus).toBe(FIRST_HEALTH);
    // Created late in the month, after the fifth business day: fresh until next month's update.
    const now = '2026-11-21T10:00:00.000Z';
    expect(staleness(created(draft, now), { now, ...judged })).toMatchObject({
      stale: false,
      code: 'fresh',
    });
    // The handbook's next deadline still applies: stale after December's fifth business day.
    expect(
      staleness(created(draft, now), { now: '2026-12-08T10:00:00.000Z', ...judged }),
    ).toMatchObject({ stale: true, code: 'notThisMonth' });
  });

  it('gives a draft kept from a form that allowed "Not set" a health all the same', () => {
    const kept = typed({ title: 'Cut pages from 40 to 10', health: null });
    expect(toSubmission(kept, context)?.healthStatus).toBe('onTrack');
    expect(draftNode(kept, context).health).toBe('onTrack');
  });
});

describe('handbook rules while typing', () => {
  const rulesOf = (warnings: { rule: string }[] | undefined) => warnings?.map((w) => w.rule) ?? [];

  it('flags a period prefix, a title without a number, and a missing DRI', () => {
    const prefixed = typed({ title: 'FY27-Q4 Cut pages to 10' });
    expect(rulesOf(checkDrafts([prefixed], context, today).byDraft.d1)).toEqual(
      expect.arrayContaining(['title-prefix', 'one-dri']),
    );
    const vague = typed({ title: 'Improve on-call happiness', assigneeId: 'gid://gitlab/User/1' });
    expect(rulesOf(checkDrafts([vague], context, today).byDraft.d1)).toEqual(['not-measurable']);
  });

  it('says nothing about a draft whose title is not typed yet', () => {
    const empty = typed({ title: '   ', assigneeId: '' });
    expect(checkDrafts([empty], context, today).byDraft.d1).toEqual([]);
    const begun = typed({ title: 'Improve', assigneeId: '' });
    expect(rulesOf(checkDrafts([begun], context, today).byDraft.d1)).toEqual(
      expect.arrayContaining(['not-measurable', 'one-dri']),
    );
  });

  it('is quiet for a well-formed key result', () => {
    const draft = typed({
      title: 'Cut pages from 40 to 10 a week',
      assigneeId: 'gid://gitlab/User/1',
      startValue: '40',
      targetValue: '10',
    });
    const { byDraft, parent } = checkDrafts([draft], context, today);
    expect(byDraft.d1).toEqual([]);
    expect(parent).toEqual([]);
  });

  it('warns when the objective would hold more than 3 key results', () => {
    const drafts = ['d1', 'd2', 'd3'].map((id) => ({ ...newDraft(id), title: `KR ${id} to 5` }));
    const { parent } = checkDrafts(drafts, context, today);
    expect(rulesOf(parent)).toContain('key-result-count');
    expect(checkDrafts(drafts.slice(0, 2), context, today).parent).toEqual([]);
  });

  it('warns when the objective would have a single child', () => {
    const lonely: CreateContext = { ...context, parent: { ...context.parent, children: [] } };
    const { parent } = checkDrafts([typed({ title: 'Cut pages to 10' })], lonely, today);
    expect(rulesOf(parent)).toContain('single-child');
  });

  it('warns about a due date after the quarter', () => {
    const draft = typed({ title: 'Cut pages to 10', dueDate: '2027-03-01' });
    expect(rulesOf(checkDrafts([draft], context, today).byDraft.d1)).toContain('due-after-quarter');
  });
});

describe('the draft book', () => {
  const ref: WorkItemRef = {
    origin: 'https://gitlab.example.com',
    basePath: '',
    fullPath: 'okrs/engineering',
    iid: '7',
    route: 'work_item',
    namespaceKind: 'project',
  };
  const memory = () => memoryRecords<DraftSet>();

  it('keeps every keystroke in order and gives the drafts back for the same objective', async () => {
    const storage = memory();
    const book = createDraftBook(storage, () => new Date('2026-11-21T10:00:00Z'));
    const saves = ['C', 'Cu', 'Cut'].map((title) => book.save(ref, [typed({ title })]));
    await Promise.all(saves);
    const reopened = createDraftBook(storage, () => new Date('2026-11-21T10:05:00Z'));
    expect((await reopened.load(ref)).map((draft) => draft.title)).toEqual(['Cut']);
    expect(await reopened.load({ ...ref, iid: '8' })).toEqual([]);
  });

  it('drops confirmed drafts and forgets an objective with none left', async () => {
    const storage = memory();
    const book = createDraftBook(storage, () => new Date('2026-11-21T10:00:00Z'));
    await book.save(ref, [newDraft('a'), newDraft('b')]);
    await book.remove(ref, ['a']);
    expect((await book.load(ref)).map((draft) => draft.localId)).toEqual(['b']);
    await book.remove(ref, ['b']);
    expect(storage.entries).toEqual({});
  });

  it('forgets drafts untouched for a month', async () => {
    const storage = memory();
    await createDraftBook(storage, () => new Date('2026-10-01T00:00:00Z')).save(ref, [
      newDraft('a'),
    ]);
    const later = createDraftBook(storage, () => new Date('2026-11-21T00:00:00Z'));
    await later.save({ ...ref, iid: '9' }, [newDraft('b')]);
    expect(await later.load(ref)).toEqual([]);
  });
});

describe('a draft under an epic whose quarter is a label', () => {
  it('belongs to the quarter its label names: no "no milestone" warning', () => {
    const context: CreateContext = {
      parent: {
        id: 'gid://gitlab/WorkItem/902',
        reference: 'acme&2',
        url: 'https://gitlab.example.com/groups/acme/-/epics/2',
        title: 'Make the platform boring',
        kind: 'objective',
        state: 'opened',
        milestone: null,
        children: [],
        childrenIncomplete: false,
        labels: ['okr:o', 'okrq:FY24-Q2'],
      },
      members: [],
      milestones: [],
      me: null,
      destination: {
        kind: 'project',
        projects: [{ fullPath: 'acme/engineering', name: 'Engineering' }],
        chosen: 'acme/engineering',
        labels: ['okr:kr', 'okrq:FY24-Q2'],
        missingLabels: [],
        quarter: 'FY24-Q2',
        fields: {},
      },
    };
    const draft = { ...newDraft('q1'), title: 'Cut deploy time from 40 to 10 minutes' };
    expect(draftNode(draft, context).milestone).toEqual({
      title: 'FY24-Q2',
      startDate: null,
      dueDate: null,
      source: 'label',
    });
    const { byDraft } = checkDrafts([draft], context, { today: '2026-11-21', timeZone: 'UTC' });
    expect(byDraft.q1?.map((warning) => warning.rule)).not.toContain('no-milestone');
  });
});
