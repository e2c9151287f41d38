// The content script checks what the background sends with shapes (lib/shape.ts), not zod. These
// tests hold every check of those shapes to account: from a valid message, each field in turn is
// made malformed (wrong type, missing, unknown option, out of range…) and the content script must
// refuse it, as the background's zod schema (derived with zodOf) does. A check that went missing
// from a shape, or that differs from zod, fails here by its path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLoadAnswer, parsePeekAnswer } from '../../../entrypoints/gitlab.content/panel-state';
import * as messages from '../../../lib/messages';
import { ProblemSchema, PushSchema, ViewResultSchema } from '../../../lib/page-messages';
import type { Shape, ShapeDef } from '../../../lib/shape';
import { zodOf } from '../../../lib/shape-zod';
import { OkrViewSchema, type ChainStep, type OkrView } from '../../../lib/view';
import { issueView, keyResultView, objectiveView } from '../components/sample-views';

interface Malformed {
  /** Where the message was spoilt, e.g. `view.item.score.value`. */
  path: string;
  /** How, e.g. `a string` or `missing`. */
  how: string;
  value: unknown;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** A value of another type than the def asks for. */
function wrongTypeFor(def: ShapeDef): unknown {
  if (def.type === 'nullable' || def.type === 'optional') return wrongTypeFor(def.inner.def);
  return def.type === 'string' || def.type === 'enum' ? 42 : 'a string';
}

/** Every malformed copy of `value` (which fits `shape`) that spoils one check of the shape. */
function malformedCopies(shape: Shape, value: unknown, path = ''): Malformed[] {
  const def = shape.def;
  const copies: Malformed[] = [{ path, how: 'wrong type', value: wrongTypeFor(def) }];
  switch (def.type) {
    case 'number':
      copies.push({ path, how: 'NaN', value: Number.NaN });
      copies.push({ path, how: 'Infinity', value: Number.POSITIVE_INFINITY });
      if (def.min !== undefined) copies.push({ path, how: 'below min', value: def.min - 0.01 });
      if (def.max !== undefined) copies.push({ path, how: 'above max', value: def.max + 0.01 });
      break;
    case 'literal':
      copies.push({ path, how: 'other literal', value: def.value === true ? false : 'other' });
      break;
    case 'enum':
      copies.push({ path, how: 'unknown option', value: 'notAnOption' });
      break;
    case 'nullable':
      copies.push({ path, how: 'undefined', value: undefined });
      // The inner shape's own "wrong type", and its "null" (an object's), are fine here.
      if (value !== null)
        copies.push(
          ...malformedCopies(def.inner, value, path)
            .slice(1)
            .filter((copy) => !(copy.path === path && copy.value === null)),
        );
      break;
    case 'optional':
      copies.length = 0;
      copies.push({ path, how: 'null', value: null });
      if (value !== undefined) copies.push(...malformedCopies(def.inner, value, path));
      break;
    case 'array': {
      copies.push({ path, how: 'an object', value: { 0: (value as unknown[])[0] } });
      const items = value as unknown[];
      if (items.length > 0) {
        for (const copy of malformedCopies(def.item, items[0], join(path, 0)))
          copies.push({ ...copy, path: copy.path, value: [copy.value, ...items.slice(1)] });
      }
      break;
    }
    case 'object':
    case 'variants': {
      copies.push({ path, how: 'null', value: null });
      copies.push({ path, how: 'an array', value: [value] });
      const record = value as Record<string, unknown>;
      const fields =
        def.type === 'object'
          ? def.shape
          : def.options.find((option) => option.safeParse(value).success)!.shape;
      for (const [key, field] of Object.entries(fields)) {
        if (field.def.type !== 'optional')
          copies.push({ path: join(path, key), how: 'missing', value: without(record, key) });
        if (key in record || field.def.type !== 'optional') {
          for (const copy of malformedCopies(field, record[key], join(path, key)))
            copies.push({ ...copy, value: { ...record, [key]: copy.value } });
        }
      }
      break;
    }
  }
  return copies;
}

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** Every field path of a shape (array items as `0`), to show each one was spoilt at least once. */
function pathsOf(shape: Shape, path = ''): string[] {
  const def = shape.def;
  switch (def.type) {
    case 'nullable':
    case 'optional':
      return pathsOf(def.inner, path);
    case 'array':
      return [path, ...pathsOf(def.item, join(path, 0))];
    case 'object':
      return [
        path,
        ...Object.entries(def.shape).flatMap(([key, field]) => pathsOf(field, join(path, key))),
      ];
    case 'variants':
      return [path, ...def.options.flatMap((option) => pathsOf(option, path).slice(1))];
    default:
      return [path];
  }
}

/** A view with every list filled and every nullable set, so each check has something to spoil. */
function fullView(): OkrView {
  const objective = objectiveView();
  const issue = issueView();
  const keyResult = keyResultView();
  return OkrViewSchema.parse({
    ...objective,
    item: {
      ...objective.item,
      health: 'onTrack',
      milestone: 'FY27-Q4',
      gitlabProgress: 40,
      progress: { progress: 40, startValue: 0, currentValue: 40, endValue: 100 },
      gitlabRollup: 38,
      drift: 2,
      gitlabNote: 'GitLab keeps whole percents: 40.4% is stored as 40%.',
      gitlabLabel: "GitLab's epic progress: 40% of weight done (8 of 20)",
      customValues: {
        start: 0,
        current: 4,
        target: 10,
        fields: {
          start: { id: 'gid://gitlab/Issuables::CustomField/1', name: 'Start' },
          current: { id: 'gid://gitlab/Issuables::CustomField/2', name: 'Current' },
          target: { id: 'gid://gitlab/Issuables::CustomField/3', name: 'Target' },
        },
      },
      score: { ...keyResult.item.score, value: 0.4, expected: 0.5 },
      stale: { ...objective.item.stale, lastUpdate: '2026-12-01T09:00:00.000Z' },
    },
    chain: issue.linkedKeyResults[0]!.chain.map(staleStep),
    children: objective.children.map(staleStep),
    warnings: keyResult.warnings,
    linkedKeyResults: issue.linkedKeyResults.map((linked) => ({
      keyResult: staleStep(linked.keyResult),
      chain: linked.chain.map(staleStep),
    })),
  });
}

/** A step whose health is stale, so its stale mark has a check to spoil too. */
function staleStep<Step extends ChainStep>(step: Step): Step {
  return { ...step, stale: { lastChange: '2026-10-12T10:00:00.000Z' } };
}

const problem = {
  kind: 'rateLimited',
  message: 'GitLab asked OKR Lens to wait.',
  retryAfterMs: 30_000,
  action: { label: 'Open the options', url: 'chrome-extension://abc/options.html' },
  // Only a carrier proposal carries one; every field is spoilt here all the same.
  proposal: {
    group: 'acme',
    summary: '6 objectives and 19 key results in acme for FY24-Q2.',
    carrierWords: 'epics and labels',
    details: ['Objectives: epics labelled okr:o.'],
  },
};

const malformedProblem = { ok: false, problem: { kind: 'timeout' } };

describe('the content script checks every field it receives', () => {
  const view = fullView();

  it('starts from messages that pass: a full view, a problem and a push', () => {
    expect(view.children.length).toBeGreaterThan(0);
    expect(view.warnings.length).toBeGreaterThan(0);
    expect(view.item.assignees.length).toBeGreaterThan(0);
    expect(view.linkedKeyResults[0]?.chain.length).toBeGreaterThan(0);
    expect(parseLoadAnswer({ ok: true, view, source: 'network' }).ok).toBe(true);
    expect(parsePeekAnswer({ ok: true, view, source: 'cache' })).not.toBeNull();
    expect(parseLoadAnswer({ ok: false, problem })).toEqual({ ok: false, problem });
    expect(PushSchema.safeParse({ type: 'view:invalidated', origin: 'https://x' }).success).toBe(
      true,
    );
  });

  it('refuses a view with any one field spoilt, in a load answer and in a peek answer', () => {
    const copies = malformedCopies(OkrViewSchema, view);
    const spoilt = new Set(copies.map((copy) => copy.path));
    expect(pathsOf(OkrViewSchema).filter((path) => !spoilt.has(path))).toEqual([]);
    expect(copies.length).toBeGreaterThan(150);

    const background = zodOf(OkrViewSchema);
    const accepted = copies.filter((copy) => {
      const load = parseLoadAnswer({ ok: true, view: copy.value, source: 'network' });
      const peek = parsePeekAnswer({ ok: true, view: copy.value, source: 'cache' });
      return load.ok || !(load.problem.kind === 'malformed') || peek !== null;
    });
    expect(accepted.map((copy) => `${copy.path} (${copy.how})`)).toEqual([]);
    const zodAccepted = copies.filter((copy) => background.safeParse(copy.value).success);
    expect(zodAccepted.map((copy) => `${copy.path} (${copy.how})`)).toEqual([]);
  });

  it('refuses a problem with any one field spoilt, and says the answer was unreadable', () => {
    const copies = malformedCopies(ProblemSchema, problem);
    const spoilt = new Set(copies.map((copy) => copy.path));
    expect(pathsOf(ProblemSchema).filter((path) => !spoilt.has(path))).toEqual([]);
    for (const copy of copies) {
      const answer = parseLoadAnswer({ ok: false, problem: copy.value });
      expect(answer.ok, `${copy.path} (${copy.how})`).toBe(false);
      expect(!answer.ok && answer.problem.kind, `${copy.path} (${copy.how})`).toBe('malformed');
      expect(messages.ProblemSchema.safeParse(copy.value).success).toBe(false);
    }
    expect(parseLoadAnswer(malformedProblem)).toMatchObject({ problem: { kind: 'malformed' } });
  });

  it('refuses answers and pushes that are not one of the protocol’s variants', () => {
    const answers = malformedCopies(ViewResultSchema, { ok: true, view, source: 'network' }).filter(
      (copy) => !copy.path.startsWith('view.'),
    );
    for (const copy of answers) {
      expect(parseLoadAnswer(copy.value).ok, `${copy.path} (${copy.how})`).toBe(false);
      expect(messages.ViewResultSchema.safeParse(copy.value).success).toBe(false);
    }
    // A peek answers a cached view only.
    expect(parsePeekAnswer({ ok: true, view, source: 'network' })).toBeNull();
    expect(parsePeekAnswer({ ok: false, problem })).toBeNull();

    const push = { type: 'view:invalidated', origin: 'https://gitlab.example.com' };
    for (const copy of malformedCopies(PushSchema, push)) {
      expect(PushSchema.safeParse(copy.value).success, `${copy.path} (${copy.how})`).toBe(false);
      expect(messages.PushSchema.safeParse(copy.value).success).toBe(false);
    }
  });
});

describe('shapes and the zod schemas derived from them', () => {
  /** Any JSON-like value, often close to a real message: the same verdict from both. */
  const mutated = (sample: unknown) =>
    fc
      .tuple(
        fc.constantFrom(...malformedCopies(ViewResultSchema, sample).map((copy) => copy.value)),
        fc.anything(),
        fc.boolean(),
      )
      .map(([copy, noise, useNoise]) => (useNoise ? noise : copy));

  it('accept and refuse the same values', () => {
    const view = fullView();
    const background = zodOf(ViewResultSchema);
    fc.assert(
      fc.property(mutated({ ok: true, view, source: 'cache' }), (value) => {
        expect(ViewResultSchema.safeParse(value).success).toBe(background.safeParse(value).success);
      }),
      { numRuns: 500 },
    );
  });

  it('say where a value departs from the shape', () => {
    const result = OkrViewSchema.safeParse({ ...fullView(), children: [{ title: 7 }] });
    expect(result.success).toBe(false);
    expect(!result.success && result.error.path).toBe('children.0.url');
    expect(() => OkrViewSchema.parse(null)).toThrow(/top level/);
  });

  it('give the background zod’s stripping of unknown fields, and the content script the value as sent', () => {
    const sent = { ...problem, extra: 'ignored' };
    expect(messages.ProblemSchema.parse(sent)).toEqual(problem);
    expect(ProblemSchema.parse(sent)).toBe(sent);
  });
});
