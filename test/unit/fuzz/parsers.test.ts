// Fuzzing the text OKR Lens reads that people and pages control: page URLs (with GitLab's drawer
// parameter and relative URL roots), instance addresses typed into the options, and the `okr`
// scoring block in descriptions. None may throw; what they cannot read is a typed answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseInstanceUrl } from '../../../lib/instances';
import { WorkItemRefSchema } from '../../../lib/messages';
import { parseScoringBlock } from '../../../lib/okr/scoring-block';
import { pageItemFromUrl, pageKeyOf, workItemRefFromUrl } from '../../../lib/page';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const segment = fc.oneof(
  fc.constantFrom(
    '-',
    'work_items',
    'issues',
    'epics',
    'groups',
    'designs',
    'gitlab',
    '..',
    '.',
    '%2F',
    '%',
    '%E0%A4%A',
    '42',
    '0',
    '007',
    '99999999999999999999999',
    'acme',
    'okrs',
    'ünï',
    '\u202E',
  ),
  fc.string({ maxLength: 8 }),
);

/** A drawer parameter (`?show=`) of any content: text, base64 JSON, or almost GitLab's shape. */
const show = fc.option(
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.jsonValue({ maxDepth: 2 }).map((value) => btoa(JSON.stringify(value) ?? '')),
    fc
      .record({
        id: fc.oneof(fc.string(), fc.integer()),
        iid: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant('7')),
        full_path: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('acme/okrs')),
      })
      .map((value) => btoa(JSON.stringify(value))),
  ),
  { nil: undefined },
);

const origin = fc.constantFrom(
  'https://gitlab.example.com',
  'http://127.0.0.1:3999',
  'https://x',
  'ftp://h',
);

/** Item pages as GitLab builds them, often with one part wrong: the common case to get right. */
const nearlyItemPage = fc
  .tuple(
    origin,
    fc.constantFrom('', '/gitlab'),
    fc.constantFrom('', 'groups/'),
    fc.array(fc.oneof(fc.constantFrom('acme', 'okrs', 'sub'), segment), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom('work_items', 'issues', 'epics', 'merge_requests', 'designs'),
    fc.oneof(fc.constantFrom('42', '1', '0', '007', '99999999999999999999999'), segment),
    fc.constantFrom('', '/', '/designs', '/designs/a.png', '/edit', '.json', '#note_1'),
  )
  .map(
    ([origin, root, groups, path, route, iid, tail]) =>
      `${origin}${root}/${groups}${path.join('/')}/-/${route}/${iid}${tail}`,
  );

/** URLs shaped like GitLab pages, with a drawer parameter of any content. */
const pageUrl = fc
  .tuple(
    fc.oneof(
      nearlyItemPage,
      fc
        .tuple(origin, fc.array(segment, { maxLength: 8 }))
        .map(([origin, segments]) => `${origin}/${segments.join('/')}`),
    ),
    show,
  )
  .map(
    ([page, show]) =>
      `${page}${show === undefined ? '' : `${page.includes('?') ? '&' : '?'}show=${encodeURIComponent(show)}`}`,
  );

describe('page URLs', () => {
  it('any text, URL or not, gives null or a reference that passes the message schema', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          pageUrl,
          fc.string(),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
        ),
        fc.constantFrom(undefined, '', '/gitlab', 'gitlab/', '/'),
        (url, basePath) => {
          const item = pageItemFromUrl(url, basePath === undefined ? {} : { basePath });
          expect(workItemRefFromUrl(url, basePath === undefined ? {} : { basePath })).toEqual(
            item?.ref ?? null,
          );
          if (item) {
            expect(WorkItemRefSchema.safeParse(item.ref).success).toBe(true);
            expect(item.ref.iid).toMatch(/^[1-9]\d{0,17}$/);
            expect(typeof pageKeyOf(item.ref)).toBe('string');
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a well-formed item page names its own item, whatever the drawer parameter holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https://gitlab.example.com', 'http://127.0.0.1:3999'),
        fc.array(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}[a-z0-9]$/), {
          minLength: 2,
          maxLength: 4,
        }),
        fc.constantFrom('work_items', 'issues'),
        fc.integer({ min: 1, max: 10_000_000 }),
        show,
        (origin, path, route, iid, drawer) => {
          fc.pre(!path.includes('groups') && path.every((part) => !/^\.+$/.test(part)));
          const url = `${origin}/${path.join('/')}/-/${route}/${iid}${drawer === undefined ? '' : `?show=${encodeURIComponent(drawer)}`}`;
          const item = pageItemFromUrl(url);
          expect(item).not.toBeNull();
          if (item?.in === 'page') {
            expect(item.ref.iid).toBe(String(iid));
            expect(item.ref.fullPath).toBe(path.join('/'));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the reference names the URL’s own origin, never one from the drawer parameter', () => {
    fc.assert(
      fc.property(pageUrl, (url) => {
        const ref = workItemRefFromUrl(url);
        if (ref) expect(ref.origin).toBe(new URL(url).origin);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('instance addresses', () => {
  it('any typed address is normalised to an http(s) base without credentials, or refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.constantFrom(
            'javascript:alert(1)',
            'https://user:pw@gitlab.example.com',
            'gitlab.example.com',
            'https://gitlab.example.com/gitlab/?x=1#y',
            'data:text/html,hi',
          ),
        ),
        (input) => {
          const instance = normaliseInstanceUrl(input);
          if (!instance) return;
          const url = new URL(instance.baseUrl);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.username + url.password).toBe('');
          expect(url.search + url.hash).toBe('');
          expect(instance.baseUrl).toBe(`${instance.origin}${instance.basePath}`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the okr scoring block', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc
      .tuple(
        fc.constantFrom(
          'scoring',
          'initial',
          'target',
          'monthly',
          'months',
          'weight',
          'due',
          'late',
          'Scoring',
          'unknown',
        ),
        fc.oneof(
          fc.constantFrom(
            'rate',
            'milestones',
            'issues',
            'manual',
            '1, 2, 3',
            '-1',
            '1e309',
            'NaN',
            '2026-02-30',
            'zero',
            '10 per week',
            '',
          ),
          fc.string({ maxLength: 12 }),
        ),
      )
      .map(([key, value]) => `${key}: ${value}`),
    fc
      .tuple(fc.boolean(), fc.integer({ min: -200, max: 200 }), fc.string({ maxLength: 10 }))
      .map(([done, percent, label]) => `- [${done ? 'x' : ' '}] ${percent}% ${label}`),
    fc.constantFrom('```okr', '```', '~~~okr', '~~~', '````okr', '```OKR', '   ```okr'),
  );
  const description = fc.oneof(
    fc.string(),
    fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n')),
    fc
      .array(line, { maxLength: 25 })
      .map((lines) => `Intro\r\n\`\`\`okr\r\n${lines.join('\r\n')}\r\n\`\`\`\r\n`),
  );

  it('never throws; problems point at real lines; numbers in the block are finite', () => {
    fc.assert(
      fc.property(description, (text) => {
        const { block, problems } = parseScoringBlock(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const problem of problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lineCount);
          expect(problem.message.length).toBeGreaterThan(0);
        }
        if (!block) return;
        expect(block.line).toBeGreaterThanOrEqual(1);
        if (block.weight !== null) expect(Number.isFinite(block.weight)).toBe(true);
        for (const milestone of block.milestones) {
          expect(Number.isFinite(milestone.percent)).toBe(true);
          expect(milestone.line).toBeLessThanOrEqual(lineCount);
        }
        if (block.rate) {
          const { initial, target, monthly, months } = block.rate;
          for (const value of [initial, target, months, ...monthly])
            expect(Number.isFinite(value)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('does not answer a non-string (from a broken cache entry) with an exception', () => {
    for (const value of [null, undefined, 42, {}, []]) {
      expect(() => parseScoringBlock(value as unknown as string)).not.toThrow();
      expect(parseScoringBlock(value as unknown as string).block).toBeNull();
    }
  });
});
