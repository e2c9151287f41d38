// The map's history line: calm progress while the notes are read, one sentence naming what is
// missing when GitLab did not answer, nothing to add once the notes came from the cache.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HistoryStatusLine, historyStatusWords } from '../../../components/map/HistoryStatus';

describe('the map’s history line', () => {
  it('says how far the reading is, and the requests it took', () => {
    expect(historyStatusWords({ state: 'reading', read: 40, total: 85 })).toBe(
      'Reading history: 40 of 85 items',
    );
    expect(historyStatusWords({ state: 'done', requests: 9 })).toBe('history in 9 more requests');
    expect(historyStatusWords({ state: 'done', requests: 0 })).toBeNull();
  });

  it('names the missing part in one sentence when GitLab refused', () => {
    const html = renderToStaticMarkup(
      <HistoryStatusLine
        status={{
          state: 'failed',
          read: 40,
          total: 85,
          problem: { kind: 'rateLimited', message: 'Try again in a minute.' },
        }}
      />,
    );
    expect(html).toContain('data-state="failed"');
    expect(html).toContain(
      'History not read for 45 of 85 items (GitLab asked OKR Lens to slow down): their sparklines and the checks that read notes are missing. Refresh to read the history again.',
    );
    const offline = renderToStaticMarkup(
      <HistoryStatusLine
        status={{ state: 'failed', read: 0, total: 3, problem: { kind: 'offline', message: '' } }}
      />,
    );
    expect(offline).toContain('(you’re offline)');
  });
});
