import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OkrNode } from '../../../lib/okr/model';
import { checkRules } from '../../../lib/okr/rules';
import { scoreOf, scoreTree } from '../../../lib/okr/score';
import { parseScoringBlock } from '../../../lib/okr/scoring-block';
import {
  arbDescription,
  arbIssue,
  arbKeyResult,
  arbTimeZone,
  arbTree,
  keyResult,
  objective,
  okrBlock,
  progress,
  walk,
} from '../../support/okr-trees';

const arbToday = fc
  .integer({ min: 0, max: 800 })
  .map((d) => new Date(Date.UTC(2023, 11, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** Every key result of a tree and, for each, the path of nodes to it. */
function keyResultsOf(root: OkrNode): OkrNode[] {
  return walk(root)
    .map(({ node }) => node)
    .filter((node) => node.kind === 'keyResult');
}

/** A copy of the tree with one linked issue (by position) closed. */
function withIssueClosed(root: OkrNode, krIndex: number, issueIndex: number): OkrNode {
  let seen = -1;
  const copy = (node: OkrNode): OkrNode => {
    if (node.kind === 'keyResult') {
      seen++;
      if (seen === krIndex) {
        return {
          ...node,
          linkedItems: node.linkedItems.map((item, i) =>
            i === issueIndex ? { ...item, state: 'closed' } : item,
          ),
        };
      }
      return node;
    }
    return { ...node, children: node.children.map(copy) };
  };
  return copy(root);
}

describe('properties of scoring', () => {
  it('every score of every node stays within [0, 1]', () => {
    fc.assert(
      fc.property(arbTree(3), arbToday, (root, today) => {
        for (const score of scoreTree(root, { today }).values()) {
          expect(score.value).toBeGreaterThanOrEqual(0);
          expect(score.value).toBeLessThanOrEqual(1);
          expect(Number.isFinite(score.value)).toBe(true);
          expect(score.explanation.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an objective whose children all score x scores x', () => {
    const arbChildOfScore = (x: number) =>
      fc.constantFrom(
        keyResult({ progress: progress({ progress: x }) }),
        keyResult({ progress: progress({ startValue: 0, currentValue: x, endValue: 100 }) }),
        keyResult({ progress: progress({ startValue: 100, currentValue: 100 - x, endValue: 0 }) }),
        keyResult({ description: okrBlock('scoring: milestones', `- [x] ${x}% Reached`) }),
        objective([keyResult({ progress: progress({ progress: x }) })]),
      );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }).chain((x) =>
          fc.tuple(
            fc.constant(x),
            fc.array(fc.tuple(arbChildOfScore(x), fc.constantFrom(null, 0, 1, 2, 0.5, 3)), {
              minLength: 1,
              maxLength: 6,
            }),
          ),
        ),
        ([x, children]) => {
          const weighted = children.map(([child, weight]) =>
            weight === null
              ? child
              : { ...child, description: `${child.description}\n${okrBlock(`weight: ${weight}`)}` },
          );
          // A milestone block plus a weight block: the first block wins, so keep those unweighted.
          const kids = weighted.map((child, i) =>
            child.description.includes('milestones') ? children[i]![0] : child,
          );
          const score = scoreOf(objective(kids), { today: '2024-06-15' });
          const counted = kids.some((k) => scoreOf(k, { today: '2024-06-15' }).weight > 0);
          if (counted) expect(score.value).toBeCloseTo(x / 100, 9);
          else expect(score.noData).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('closing a linked issue never lowers a score, anywhere up the tree', () => {
    fc.assert(
      fc.property(arbTree(3), arbToday, fc.nat(), fc.nat(), (root, today, krPick, issuePick) => {
        const krs = keyResultsOf(root).filter((kr) => kr.linkedItems.length > 0);
        fc.pre(krs.length > 0);
        const all = keyResultsOf(root);
        const target = krs[krPick % krs.length]!;
        const krIndex = all.indexOf(target);
        const issueIndex = issuePick % target.linkedItems.length;
        const before = scoreOf(root, { today }).value;
        const after = scoreOf(withIssueClosed(root, krIndex, issueIndex), { today }).value;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('closing a linked issue never lowers the key result it is linked to', () => {
    fc.assert(
      fc.property(arbKeyResult, arbIssue, arbToday, (kr, extra, today) => {
        const linked = { ...kr, linkedItems: [...kr.linkedItems, extra] };
        const closed = {
          ...linked,
          linkedItems: [...kr.linkedItems, { ...extra, state: 'closed' as const }],
        };
        expect(scoreOf(closed, { today }).value).toBeGreaterThanOrEqual(
          scoreOf(linked, { today }).value,
        );
      }),
    );
  });

  it('a child of weight 0 never changes its parent', () => {
    fc.assert(
      fc.property(arbTree(2), arbKeyResult, arbToday, (tree, extra, today) => {
        const parent = tree.kind === 'objective' ? tree : objective([tree]);
        const zero = { ...extra, description: okrBlock('weight: 0') };
        const before = scoreOf(parent, { today });
        const after = scoreOf({ ...parent, children: [...parent.children, zero] }, { today });
        expect(after.value).toBe(before.value);
        expect(after.noData).toBe(before.noData);
      }),
      { numRuns: 300 },
    );
  });
});

describe('properties of the parser and the rules', () => {
  it('the parser never throws and names lines that exist', () => {
    fc.assert(
      fc.property(fc.oneof(arbDescription, fc.string({ unit: 'binary' })), (text) => {
        const { problems } = parseScoringBlock(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const problem of problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lineCount);
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the rules never throw, on any node of any tree, with any context', () => {
    fc.assert(
      fc.property(
        arbTree(3),
        arbToday,
        arbTimeZone,
        fc.boolean(),
        fc.array(fc.constantFrom('2024-06-03', '2024-12-25', 'nonsense'), { maxLength: 3 }),
        (root, today, timeZone, withParents, holidays) => {
          const everyNode = walk(root);
          for (const { node, parent } of everyNode) {
            const warnings = checkRules(node, {
              today,
              timeZone,
              parent: withParents ? parent : undefined,
              siblings: parent?.children ?? [],
              driOpenObjectives: everyNode.map((n) => n.node).filter((n) => n.kind === 'objective'),
              calendar: { holidays },
            });
            for (const warning of warnings) {
              expect(warning.message.length).toBeGreaterThan(0);
              expect(warning.nodeId).toBe(node.id);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
