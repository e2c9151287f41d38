// `okr-lens report` on fake data through its port: arguments, formats, the view and quarter
// passed on, notes asked only when the report reads them, and clear refusals.
import { describe, expect, it } from 'vitest';
import {
  parseReportArgs,
  runReport,
  scopePathOf,
  type ReportMapRequest,
  type ReportSource,
} from '../../../lib/cli-report';
import { startOfDay } from '../../../lib/okr/quarter/day-start';
import type { Note } from '../../../lib/okr/model';
import { KR12, KR211, O2, SAMPLE_MAP } from '../okr/quarter/sample-map';

const NOW = new Date('2026-12-10T12:00:00Z');

function fakeSource(notes: Record<string, Note[]> = {}) {
  const asked: { maps: ReportMapRequest[]; notes: string[][]; tokens: string[] } = {
    maps: [],
    notes: [],
    tokens: [],
  };
  const source: ReportSource = {
    loadMap: async (request) => {
      asked.maps.push(request);
      return request.scope === 'missing'
        ? { ok: false, message: 'Group missing was not found, or your token cannot read it.' }
        : { ok: true, map: SAMPLE_MAP };
    },
    loadNotes: async (urls) => {
      asked.notes.push(urls);
      return new Map(urls.map((url) => [url, { notes: notes[url] ?? [], scale: null }]));
    },
  };
  return { source, asked };
}

async function run(argv: string[], source = fakeSource(), files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runReport(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: { GITLAB_TOKEN: 'glpat-test', TZ: 'UTC' },
      now: () => NOW,
      readText: async (path) => {
        if (!(path in files)) throw new Error('ENOENT: no such file');
        return files[path]!;
      },
    },
    {
      sourceFor: ({ token }) => {
        source.asked.tokens.push(token);
        return source.source;
      },
    },
  );
  return { code, stdout, stderr, asked: source.asked };
}

describe('okr-lens report arguments', () => {
  it('takes a group or project URL, under a relative URL root too', () => {
    expect(scopePathOf('https://gitlab.com/gitlab-com', 'https://gitlab.com')).toBe('gitlab-com');
    expect(scopePathOf('https://gitlab.com/groups/acme/-/epics', 'https://gitlab.com')).toBe(
      'acme',
    );
    expect(scopePathOf('https://h.example/gitlab/acme/eng/', 'https://h.example/gitlab')).toBe(
      'acme/eng',
    );
    expect(scopePathOf('https://gitlab.com/', 'https://gitlab.com')).toBeNull();
  });

  it('refuses what does not fit, saying why', () => {
    const refusal = (argv: string[]) => {
      const parsed = parseReportArgs(argv);
      return parsed.ok ? null : parsed.message;
    };
    const url = 'https://gitlab.com/acme';
    expect(refusal([])).toMatch(/Name the group or project/);
    expect(refusal([url, '--view', 'all'])).toMatch(/mine, team or everything/);
    expect(refusal([url, '--view', 'team'])).toMatch(/needs --people/);
    expect(refusal([url, '--people', 'a'])).toMatch(/goes with --view team/);
    expect(refusal([url, '--format', 'pdf'])).toMatch(/md, csv or json/);
    expect(refusal([url, '--since', '2026-13-01'])).toMatch(/YYYY-MM-DD/);
    expect(refusal([url, '--format', 'csv', '--since', '2026-12-01'])).toMatch(/Markdown report/);
    expect(refusal([url, '--monthly', '--since', '2026-12-01'])).toMatch(/monthly post/);
  });
});

describe('okr-lens report', () => {
  it('prints exactly the quarter map with --format json, asking no notes', async () => {
    const { code, stdout, asked } = await run(['https://gitlab.example/acme', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(SAMPLE_MAP);
    expect(asked.notes).toEqual([]);
    expect(asked.tokens).toEqual(['glpat-test']);
  });

  it('passes the quarter, the view and the people to the map', async () => {
    const { asked } = await run([
      'https://gitlab.example/groups/acme',
      '--quarter',
      'FY27-Q1',
      '--view',
      'team',
      '--people',
      '@riley, evan',
      '--format',
      'csv',
    ]);
    expect(asked.maps).toEqual([
      {
        baseUrl: 'https://gitlab.example',
        scope: 'acme',
        quarter: 'FY27-Q1',
        view: 'team',
        people: ['riley', 'evan'],
      },
    ]);
  });

  it('names the view in the report', async () => {
    const { stdout } = await run(['https://gitlab.example/acme', '--view', 'mine']);
    expect(stdout).toContain('Scope: acme (my items).');
  });

  it('prints CSV of the whole tree', async () => {
    const { stdout } = await run(['https://gitlab.example/acme', '--format', 'csv']);
    expect(stdout.split('\r\n')).toHaveLength(SAMPLE_MAP.items.length + 2);
  });

  it('writes the Key Review report, reading notes of the off-track items only', async () => {
    const fake = fakeSource({
      [KR12.url]: [
        {
          body: 'Vendor slipped to January.',
          createdAt: '2026-12-04T09:00:00Z',
          system: false,
          author: 'dana',
        },
      ],
    });
    const { code, stdout, asked } = await run(['https://gitlab.example/acme'], fake);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Key Review: FY27-Q1/);
    expect(stdout).toContain(
      'Latest comment by @dana on Dec 4, 2026: "Vendor slipped to January."',
    );
    expect(asked.notes).toEqual([[KR12.url, O2.url, KR211.url]]);
    expect(stdout).not.toContain('**Since');
  });

  it('reads every item’s history for --since', async () => {
    const fake = fakeSource({
      [KR12.url]: [
        {
          body: 'changed health status to **at risk**',
          createdAt: '2026-12-05T09:00:00Z',
          system: true,
          author: 'dana',
        },
      ],
    });
    const { stdout, asked } = await run(
      ['https://gitlab.example/acme', '--since', '2026-12-01'],
      fake,
    );
    expect(asked.notes[0]).toHaveLength(SAMPLE_MAP.items.length);
    expect(stdout).toContain('**Since Dec 1, 2026**');
    expect(stdout).toContain('health no health status → at risk');
  });

  it('lists new warnings against a map saved earlier, and reads no history then', async () => {
    const earlier = {
      ...SAMPLE_MAP,
      generatedAt: '2026-11-15T10:00:00Z',
      items: SAMPLE_MAP.items.map((item) => ({ ...item, warnings: [] })),
    };
    const { code, stdout, asked } = await run(
      ['https://gitlab.example/acme', '--compare', 'nov.json'],
      fakeSource(),
      { 'nov.json': JSON.stringify(earlier) },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('**Since Nov 15, 2026**');
    expect(stdout).toContain('new warning behind-schedule (warning)');
    expect(asked.notes.flat()).not.toContain(SAMPLE_MAP.items[0]!.url);
  });

  it('prints the monthly post', async () => {
    const { stdout } = await run(['https://gitlab.example/acme', '--monthly']);
    expect(stdout).toMatch(/^\*\*FY27-Q1 OKR progress, Dec 10, 2026\*\*/);
  });

  it('says what is wrong on stderr, prints nothing on stdout', async () => {
    const missing = await run(['https://gitlab.example/missing']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/not found/);
    const badFile = await run(['https://gitlab.example/acme', '--compare', 'none.json']);
    expect(badFile).toMatchObject({ code: 2, stdout: '' });
    expect(badFile.stderr).toMatch(/Cannot read none.json/);
    const notJson = await run(
      ['https://gitlab.example/acme', '--compare', 'x.json'],
      fakeSource(),
      { 'x.json': '{}' },
    );
    expect(notJson.stderr).toMatch(/not a map saved with/);
    const failing = fakeSource();
    failing.source.loadNotes = async () => {
      throw Object.assign(new Error('x'), {
        problem: { kind: 'rateLimited', message: 'GitLab asks to wait 30 seconds.' },
      });
    };
    const limited = await run(['https://gitlab.example/acme'], failing);
    expect(limited).toMatchObject({ code: 1, stdout: '' });
    expect(limited.stderr).toMatch(/history could not be read: GitLab asks to wait 30 seconds/);
    const notUrl = await run(['not a url']);
    expect(notUrl).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('startOfDay', () => {
  it("is the reader's midnight", () => {
    expect(startOfDay('2026-12-01', 'UTC')).toBe('2026-12-01T00:00:00.000Z');
    expect(startOfDay('2026-12-01', 'Europe/Berlin')).toBe('2026-11-30T23:00:00.000Z');
    expect(startOfDay('2026-07-01', 'America/Los_Angeles')).toBe('2026-07-01T07:00:00.000Z');
    expect(startOfDay('2026-02-30', 'UTC')).toBeNull();
  });
});
