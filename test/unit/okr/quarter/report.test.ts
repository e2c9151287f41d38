import { describe, expect, it } from 'vitest';
import {
  changeOf,
  thenFromHistories,
  thenFromSnapshot,
} from '../../../../lib/okr/quarter/changes-since';
import { csvField, quarterCsv, safeText } from '../../../../lib/okr/quarter/csv';
import { finalScoringOf } from '../../../../lib/okr/quarter/final-scoring';
import { historyOf } from '../../../../lib/okr/quarter/history';
import { keyReviewMarkdown } from '../../../../lib/okr/quarter/key-review';
import { latestCommentOf, quoteOf } from '../../../../lib/okr/quarter/latest-comment';
import { monthlyPostMarkdown } from '../../../../lib/okr/quarter/monthly-post';
import type { QuarterMap } from '../../../../lib/okr/quarter/map-model';
import { itemsOfPeople, mapForView, viewWords } from '../../../../lib/okr/quarter/map-view';
import { KR11, KR12, KR211, KR212, O1, O2, O21, SAMPLE_MAP } from './sample-map';

const dates = { locale: 'en-US', timeZone: 'UTC' };
const note = (body: string, createdAt: string, system = true) => ({
  body,
  createdAt,
  system,
  author: 'casey',
});

describe('changes since a date from the recorded history', () => {
  const histories = new Map([
    [
      KR11.url,
      historyOf([
        note('changed progress to **20%**', '2026-11-10T10:00:00Z'),
        note('changed progress to **60%**', '2026-12-03T10:00:00Z'),
      ]),
    ],
    [
      KR12.url,
      historyOf([
        note('changed health status to **on track**', '2026-11-02T10:00:00Z'),
        note('changed health status to **at risk**', '2026-12-02T10:00:00Z'),
      ]),
    ],
  ]);
  const then = thenFromHistories(SAMPLE_MAP, histories, '2026-12-01T00:00:00Z');

  it('takes a key result back to its recorded state at the date', () => {
    expect(then.get(KR11.url)).toEqual({ score: 0.2, health: 'onTrack' });
    expect(then.get(KR12.url)).toEqual({ score: 0.3, health: 'onTrack' });
  });

  it("moves an objective by the mean of its scored children's moves", () => {
    expect(then.get(O1.url)!.score).toBeCloseTo(0.45 - 0.4 / 2);
    expect(then.get(O1.url)!.health).toBe('onTrack');
  });

  it('leaves an item without recorded change as it is now', () => {
    expect(then.get(O2.url)).toEqual({ score: O2.score, health: O2.health });
    expect(changeOf(KR211, then)).toMatchObject({ scoreChanged: false, healthChanged: false });
  });

  it('does not claim new warnings without a snapshot', () => {
    expect(changeOf(KR12, then)).toMatchObject({ healthChanged: true, newWarnings: null });
  });
});

describe('changes since a date from an earlier snapshot', () => {
  const earlier: QuarterMap = {
    ...SAMPLE_MAP,
    items: SAMPLE_MAP.items
      .filter((item) => item.url !== KR212.url)
      .map((item) => (item.url === KR12.url ? { ...item, warnings: [] } : item)),
  };
  const then = thenFromSnapshot(earlier);
  it('lists the warnings an item did not have then, and items that are new', () => {
    expect(changeOf(KR12, then).newWarnings).toEqual([
      { rule: 'behind-schedule', severity: 'warning' },
    ]);
    expect(changeOf(KR212, then).isNew).toBe(true);
  });
});

describe('latest comment', () => {
  it('is the newest comment by a person, quoted on one line', () => {
    const comment = latestCommentOf([
      note('Check-in: at risk\n\nVendor late.', '2026-12-02T10:00:00Z', false),
      note('changed health status to **at risk**', '2026-12-03T10:00:00Z'),
      { ...note('Roll-up', '2026-12-04T10:00:00Z', false), author: 'automation-bot' },
    ]);
    expect(comment).toEqual({
      body: 'Check-in: at risk\n\nVendor late.',
      at: '2026-12-02T10:00:00Z',
      author: 'casey',
    });
    expect(quoteOf(comment!.body)).toBe('Check-in: at risk Vendor late.');
    expect(quoteOf('word '.repeat(100)).length).toBeLessThanOrEqual(281);
  });
});

describe('the Key Review report', () => {
  const histories = new Map([
    [KR12.url, historyOf([note('changed health status to **at risk**', '2026-12-02T10:00:00Z')])],
  ]);
  const markdown = keyReviewMarkdown({
    map: SAMPLE_MAP,
    today: '2026-12-10',
    since: '2026-12-01',
    then: thenFromHistories(SAMPLE_MAP, histories, '2026-12-01T00:00:00Z'),
    comments: new Map([
      [KR12.url, { body: 'Vendor is late | again', at: '2026-12-02T10:00:00Z', author: 'dana' }],
    ]),
    dates,
  });

  it('has one section per top objective with its score, health and DRI', () => {
    expect(markdown).toContain(`## 1. [Continue to win with AI](${O1.url})`);
    expect(markdown).toContain('Score **45%**, health **on track**, DRI @cto.');
    expect(markdown).toContain(`## 2. [Reduce churn](${O2.url})`);
  });

  it('says what changed since the date, and that new warnings need a saved map', () => {
    expect(markdown).toContain('**Since Dec 1, 2026**');
    expect(markdown).toContain(
      `- [Support offering ready for launch](${KR12.url}): health no health status → at risk.`,
    );
    expect(markdown).toContain('- No recorded change.');
    expect(markdown).toContain('no saved map from that date to compare with');
  });

  it('lists at-risk and needs-attention items with their latest comment, at risk first', () => {
    expect(markdown).toContain(
      `- At risk: [Support offering ready for launch](${KR12.url}), 30%, DRI @dana. Latest comment by @dana on Dec 2, 2026: "Vendor is late \\| again"`,
    );
    expect(markdown).toContain('Needs attention: [Reduce churn]');
    expect(markdown).toMatch(/Needs attention: \[=HYPERLINK.*No comment yet\./);
  });

  it('lists stale items with their DRIs', () => {
    expect(markdown).toContain(
      `- [Availability](${O21.url}), nothing recorded since Oct 2, 2026; no DRI.`,
    );
  });

  it('has no final scoring before the quarter ends, and has it after', () => {
    expect(markdown).not.toContain('Final scoring');
    const after = keyReviewMarkdown({ map: SAMPLE_MAP, today: '2027-02-03', since: null, dates });
    expect(after).toContain('## Final scoring: FY27-Q1');
    expect(after).toContain(`| 1.1 | [Ship 48 AI features](${KR11.url}) | @casey | 60% | amber |`);
    expect(after).toContain(`- 2.2 [RTO 2 hours](${KR212.url}), DRI @frank`);
    expect(after).not.toContain('**Since');
  });
});

describe('final scoring', () => {
  it('numbers every key result under its top objective, any depth, and lists the unscored', () => {
    const { rows, unscored } = finalScoringOf(SAMPLE_MAP);
    expect(rows.map((row) => [row.number, row.item.title])).toEqual([
      ['1', O1.title],
      ['1.1', KR11.title],
      ['1.2', KR12.title],
      ['2', O2.title],
      ['2.1', KR211.title],
      ['2.2', KR212.title],
    ]);
    expect(unscored.map((row) => row.number)).toEqual(['2.2']);
  });
});

describe('the monthly post', () => {
  it('is the short list: objectives with their key results, score and health', () => {
    expect(monthlyPostMarkdown({ map: SAMPLE_MAP, today: '2026-12-03', dates })).toBe(
      [
        '**FY27-Q1 OKR progress, Dec 3, 2026**: 4 key results, average 36.7% against 43% expected; 1 at risk, 1 needs attention, 2 stale.',
        '',
        `1. [Continue to win with AI](${O1.url}): 45%, on track`,
        `   1. **KR**: [Ship 48 AI features](${KR11.url}): 60%, on track`,
        `   1. **KR**: [Support offering ready for launch](${KR12.url}): 30%, at risk`,
        `2. [Reduce churn](${O2.url}): 20%, needs attention`,
        `   1. **KR**: [=HYPERLINK("http://evil") 99.95% availability, "all" services](${KR211.url}): 20%, needs attention`,
        `   1. **KR**: [RTO 2 hours](${KR212.url}): no data, no health status`,
        '',
      ].join('\n'),
    );
  });
});

describe('CSV', () => {
  const csv = quarterCsv(SAMPLE_MAP);
  const lines = csv.split('\r\n');
  it('has a header, one row per item in tree order with depth, and CRLF line ends', () => {
    expect(lines[0]).toBe(
      'depth,type,reference,title,url,parent_url,carrier,score_percent,method,gitlab_progress_percent,expected_percent,health,stale,stale_since,dri,warnings',
    );
    expect(lines).toHaveLength(SAMPLE_MAP.items.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[6]!.startsWith('2,keyResult,')).toBe(true);
    expect(lines[3]).toContain(',30,gitlabProgress,30,50,atRisk,no,,dana,behind-schedule:warning');
  });
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(lines[6]).toContain(
      `,"'=HYPERLINK(""http://evil"") 99.95% availability, ""all"" services",`,
    );
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('plain')).toBe('plain');
    for (const start of ['=', '+', '-', '@', '\t'])
      expect(safeText(`${start}1`)).toBe(`'${start}1`);
    expect(safeText('Cells 2')).toBe('Cells 2');
  });
});

describe('a map narrowed to a view', () => {
  it('keeps the items of the people with the objectives above them, and recounts the sums', () => {
    const narrowed = mapForView(SAMPLE_MAP, itemsOfPeople(SAMPLE_MAP, ['@Erin', 'dana']));
    expect(narrowed.items.map((item) => item.url)).toEqual([
      O1.url,
      KR12.url,
      O2.url,
      O21.url,
      KR211.url,
    ]);
    expect(narrowed.summary).toEqual({
      objectives: { total: 0, onTrack: 0, needsAttention: 0, atRisk: 0, none: 0 },
      keyResults: { total: 2, onTrack: 0, needsAttention: 1, atRisk: 1, none: 0 },
      stale: 1,
      updatedThisMonth: null,
      updatedSince: '2026-11-01',
      averageScore: 0.25,
      expected: SAMPLE_MAP.summary.expected,
    });
    expect(mapForView(SAMPLE_MAP, new Set(SAMPLE_MAP.items.map((i) => i.url)))).toBe(SAMPLE_MAP);
  });
  it('is named in the report header', () => {
    expect(viewWords('team', ['riley', '@evan'])).toBe('the items of @riley, @evan');
    const markdown = keyReviewMarkdown({
      map: SAMPLE_MAP,
      today: '2026-12-10',
      since: null,
      view: viewWords('mine', []),
      dates,
    });
    expect(markdown).toContain('Scope: acme (my items). Quarter FY27-Q1');
  });
});
