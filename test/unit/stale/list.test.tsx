// What the popup's stale list shows: groups by reason, worst first, each item with its chain
// and link; the check-in form asks for the value in the key result's own units.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { StaleList } from '../../../components/stale/StaleList';
import { QuickCheckIn, changesNothing } from '../../../components/stale/QuickCheckIn';
import type { StaleItem, StaleReport } from '../../../lib/messages';

function item(id: number, code: StaleItem['code'], extra: Partial<StaleItem> = {}): StaleItem {
  return {
    baseUrl: 'https://gitlab.example.com',
    id: `gid://gitlab/WorkItem/${id}`,
    reference: `okrs#${id}`,
    url: `https://gitlab.example.com/okrs/-/work_items/${id}`,
    title: `KR ${id}`,
    kind: 'keyResult',
    health: code === 'noHealth' ? null : 'onTrack',
    code,
    reason: `Reason ${id}.`,
    lastUpdate: null,
    chain: [],
    progress: { progress: 40, startValue: 0, currentValue: 40, endValue: 100 },
    topLevel: false,
    assignedToYou: true,
    ...extra,
  };
}

function render(items: StaleItem[], extra: Partial<StaleReport> = {}) {
  const report: StaleReport = {
    state: 'ok',
    checkedAt: '2026-11-20T12:00:00Z',
    items,
    watchedCount: 10,
    failures: [],
    ...extra,
  };
  return renderToStaticMarkup(
    <StaleList
      report={report}
      maxAgeDays={35}
      checking={false}
      onRefresh={() => {}}
      onCheckIn={async () => null}
      onReminder={async () => null}
    />,
  );
}

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('StaleList', () => {
  it('groups by reason, worst first, whatever order the items come in', () => {
    const html = text(
      render([item(1, 'notThisMonth'), item(2, 'tooOld'), item(3, 'noHealth'), item(4, 'tooOld')]),
    );
    const order = ['No health status 1', 'Older than 35 days 2', 'Not updated this month 1'].map(
      (heading) => html.indexOf(heading),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows each item’s chain, root first, folding the middle of a deep one', () => {
    const chain = ['Company', 'Division', 'Team'].map((title, i) => ({
      title,
      url: `https://gitlab.example.com/okrs/-/work_items/${90 + i}`,
      reference: `okrs#${90 + i}`,
    }));
    const html = render([item(1, 'tooOld', { chain })]);
    expect(text(html)).toMatch(/Company … Team KR KR 1/);
    expect(html).toContain('title="Division"');
    expect(html).toContain('href="https://gitlab.example.com/okrs/-/work_items/1"');
  });

  it('marks each pill stale with the last update, and words the check time in the same style', () => {
    const html = text(render([item(1, 'tooOld', { lastUpdate: '2026-10-12T08:00:00Z' })]));
    expect(html).toContain('On track stale · no update since Oct 12, 2026');
    expect(html).toContain('Checked Nov 20, 2026, 12:00 PM.');
    expect(text(render([item(2, 'noHealth')]))).not.toContain('stale ·');
  });

  it('says when everything is fresh, and says why a check failed', () => {
    expect(text(render([], { ownCount: 10 }))).toContain(
      'All 10 of your open OKRs have a current health status',
    );
    expect(text(render([], { ownCount: 4 }))).toContain(
      'All 4 of your open OKRs and 6 watched ones have a current health status',
    );
    const failed = text(
      render([], {
        state: 'failed',
        failures: [
          {
            baseUrl: 'https://gitlab.example.com',
            problem: { kind: 'unauthorized', message: 'GitLab refused the token.' },
          },
        ],
      }),
    );
    expect(failed).toContain(
      'Not checked on https://gitlab.example.com. GitLab refused the token.',
    );
    expect(failed).not.toContain('All 10');
  });

  it('counts your own and the watched ones apart', () => {
    const watched = { assignedToYou: false };
    expect(text(render([item(1, 'tooOld'), item(2, 'tooOld')]))).toContain(
      '2 of your OKRs need a health update',
    );
    expect(
      text(render([item(1, 'tooOld'), item(2, 'noHealth', watched), item(3, 'tooOld', watched)])),
    ).toContain('1 of your OKRs and 2 watched OKRs need a health update');
    expect(text(render([item(1, 'tooOld', watched)]))).toContain(
      '1 watched OKR needs a health update',
    );
  });

  it('names every watched namespace it could not check, and why', () => {
    const html = text(
      render([item(1, 'tooOld')], {
        unwatched: [
          {
            baseUrl: 'https://gitlab.com',
            fullPath: 'gitlab-org/okrs',
            problem: { kind: 'noToken', message: 'OKR Lens has no token for https://gitlab.com.' },
          },
        ],
      }),
    );
    expect(html).toContain(
      'gitlab-org/okrs on https://gitlab.com is not checked. OKR Lens has no token for https://gitlab.com.',
    );
    expect(html).toContain('1 of your OKRs needs a health update');
  });
});

describe('QuickCheckIn', () => {
  const form = (stale: StaleItem) =>
    text(
      renderToStaticMarkup(
        <QuickCheckIn
          item={stale}
          onSubmit={async () => null}
          onCancel={() => {}}
          onReminder={async () => null}
        />,
      ),
    );

  it('asks for the current value in the key result’s own units, or for a percentage', () => {
    const units = item(1, 'tooOld', {
      progress: { progress: 28, startValue: 10, currentValue: 12, endValue: 17 },
    });
    expect(form(units)).toContain('Current value (from 10 to 17)');
    expect(form(item(2, 'tooOld'))).toContain('Progress (%)');
    expect(form(item(3, 'tooOld', { kind: 'objective' }))).not.toMatch(/Progress|Current value/);
  });

  it('offers GitLab’s check-in reminder only on a top-level objective', () => {
    expect(form(item(1, 'noHealth', { kind: 'objective', topLevel: true }))).toContain(
      'GitLab check-in reminder',
    );
    expect(form(item(2, 'noHealth'))).not.toContain('check-in reminder');
  });

  it('knows when GitLab would record nothing', () => {
    const stale = item(1, 'notThisMonth');
    expect(changesNothing(stale, { health: 'onTrack' })).toBe(true);
    expect(changesNothing(stale, { health: 'onTrack', currentValue: 40 })).toBe(true);
    expect(changesNothing(stale, { health: 'onTrack', currentValue: 45 })).toBe(false);
    expect(changesNothing(stale, { health: 'atRisk' })).toBe(false);
  });
});
