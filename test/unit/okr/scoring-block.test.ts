import { describe, expect, it } from 'vitest';
import { parseScoringBlock } from '../../../lib/okr/scoring-block';

describe('parseScoringBlock', () => {
  it('reads the rate example of seed 001', () => {
    const { block, problems } = parseScoringBlock(
      'MR rate.\n\n```okr\nscoring: rate\ninitial: 10\ntarget: 17\nmonthly: [12, 13, 15]\n```\n',
    );
    expect(problems).toEqual([]);
    expect(block?.method).toBe('rate');
    expect(block?.rate).toEqual({ initial: 10, target: 17, monthly: [12, 13, 15], months: 3 });
    expect(block?.line).toBe(3);
  });

  it('reads weight, due and both kinds of late penalty', () => {
    const zero = parseScoringBlock('```okr\nweight: 2\ndue: 2024-07-31\nlate: zero\n```');
    expect(zero.block).toMatchObject({ weight: 2, due: '2024-07-31', late: { kind: 'zero' } });
    const weekly = parseScoringBlock('```okr\nweight: 0x\ndue: 2024-07-31\nlate: 10%/week\n```');
    expect(weekly.block).toMatchObject({ weight: 0, late: { kind: 'perWeek', points: 10 } });
    expect(weekly.problems).toEqual([]);
  });

  it('reads milestone lines inside the block', () => {
    const { block } = parseScoringBlock(
      [
        '```okr',
        'scoring: milestones',
        '- [x] 20% Complete compensation analysis',
        '- [ ] 40% Present plan to E-Group for feedback',
        '```',
      ].join('\n'),
    );
    expect(block?.milestones).toEqual([
      { percent: 20, done: true, label: 'Complete compensation analysis', line: 3 },
      { percent: 40, done: false, label: 'Present plan to E-Group for feedback', line: 4 },
    ]);
  });

  it('reads milestone task lines after the block, where GitLab lets people tick them', () => {
    const { block, problems } = parseScoringBlock(
      '```okr\nscoring: milestones\n```\n\n- [x] 20% Analysis\n- [ ] Unscored chore\n- [X] 60% Sign-off',
    );
    expect(problems).toEqual([]);
    expect(block?.milestones.map((m) => [m.percent, m.done])).toEqual([
      [20, true],
      [60, true],
    ]);
  });

  it('returns no block and no problems for a description without one', () => {
    expect(parseScoringBlock('Hire 5 people. ```js\nx: 1\n```')).toEqual({
      block: null,
      problems: [],
    });
  });

  it('ignores an okr fence shown inside another code block', () => {
    const text = '````markdown\n```okr\nscoring: rate\n```\n````';
    expect(parseScoringBlock(text).block).toBeNull();
  });

  it.each([
    ['```okr\nscoring: weekly\n```', 2, /not a scoring method/],
    ['```okr\nscoring: rate\ninitial: ten\ntarget: 17\n```', 3, /"initial" must be a number/],
    ['```okr\nscoring: rate\ninitial: 10\ntarget: 10\n```', 4, /no change to score/],
    ['```okr\nscoring: rate\ntarget: 17\n```', 1, /needs "initial:"/],
    ['```okr\nweight: -1\n```', 2, /Weight "-1"/],
    ['```okr\ndue: 31/07/2024\n```', 2, /Due date/],
    ['```okr\ndue: 2024-02-30\n```', 2, /Due date/],
    ['```okr\nlate: soon\ndue: 2024-07-31\n```', 2, /Late "soon"/],
    ['```okr\nlate: zero\n```', 2, /without a due date/],
    ['```okr\ncolour: red\n```', 2, /Unknown key "colour"/],
    ['```okr\njust words\n```', 2, /Cannot read "just words"/],
    ['```okr\nscoring: milestones\n- [x] done without percent\n```', 3, /no percentage/],
    ['```okr\nscoring: milestones\n```', 1, /needs task lines/],
    ['```okr\nweight: 1\nweight: 2\n```', 3, /given twice/],
    ['```okr\nscoring: rate\ninitial: 1\ntarget: 2\nmonthly: [1, x]\n```', 5, /list of numbers/],
    ['```okr\nscoring: issues\ninitial: 3\n```', 3, /only used with "scoring: rate"/],
    ['Intro\n```okr\nweight: 1\n', 2, /never closed/],
    ['```okr\nweight: 1\n```\n```okr\nweight: 2\n```', 4, /second okr block/],
  ])('reports the line and the reason for %j', (text, line, message) => {
    const { problems } = parseScoringBlock(text);
    expect(problems).toContainEqual({ line, message: expect.stringMatching(message) });
  });

  it('keeps only as many monthly values as months, and says so', () => {
    const { block, problems } = parseScoringBlock(
      '```okr\nscoring: rate\ninitial: 10\ntarget: 17\nmonths: 2\nmonthly: [12, 13, 15]\n```',
    );
    expect(block?.rate?.monthly).toEqual([12, 13]);
    expect(problems[0]).toMatchObject({ line: 6, message: expect.stringMatching(/first 2/) });
  });

  it('accepts percentages, comments, aliases and Windows line endings', () => {
    const { block, problems } = parseScoringBlock(
      '```okr\r\nmethod: rate  # how\r\nstart: 92%\r\nend: 95%\r\nmonthly: 93, 94\r\n```',
    );
    expect(problems).toEqual([]);
    expect(block?.rate).toEqual({ initial: 92, target: 95, monthly: [93, 94], months: 3 });
  });

  it('never throws on input that is not even a string', () => {
    expect(() => parseScoringBlock(undefined as unknown as string)).not.toThrow();
    expect(parseScoringBlock(null as unknown as string).block).toBeNull();
  });
});
