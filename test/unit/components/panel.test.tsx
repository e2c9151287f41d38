import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { OkrPanel, type PanelState } from '../../../components/panel/OkrPanel';
import { ParentChain } from '../../../components/panel/ParentChain';
import { ScoreSummary } from '../../../components/panel/ScoreSummary';
import { WarningsList } from '../../../components/panel/WarningsList';
import { ProblemNotice } from '../../../components/panel/ProblemNotice';
import { ChildrenList } from '../../../components/panel/ChildrenList';
import { ProblemKindSchema, type ProblemKind } from '../../../lib/messages';
import { OkrViewSchema, type ChainStep, type ItemView, type OkrView } from '../../../lib/view';
import { issueView, keyResultView, objectiveView, step } from './sample-views';

const optionsUrl = 'chrome-extension://abc/options.html';

function renderPanel(state: Partial<PanelState>, collapsed = false): string {
  const full: PanelState = { view: null, source: null, refreshing: false, problem: null, ...state };
  return renderToStaticMarkup(
    <OkrPanel
      state={full}
      collapsed={collapsed}
      onToggleCollapsed={() => {}}
      optionsUrl={optionsUrl}
    />,
  );
}

/** The text a reader sees, tags removed and entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('OkrPanel', () => {
  it('is a labelled region headed "OKR Lens" with a collapse button that says its state', () => {
    const html = renderPanel({ view: keyResultView(), source: 'network' });
    expect(html).toMatch(/<section[^>]*aria-labelledby="([^"]+)"/);
    const labelledBy = /<section[^>]*aria-labelledby="([^"]+)"/.exec(html)![1];
    expect(html).toContain(`id="${labelledBy}"`);
    expect(textOf(html)).toContain('OKR Lens');
    expect(html).toMatch(/<button[^>]*aria-expanded="true"/);
  });

  it('collapsed, hides the body and still shows the score and health on one line', () => {
    const html = renderPanel({ view: keyResultView(), source: 'network' }, true);
    expect(html).toMatch(/<button[^>]*aria-expanded="false"/);
    expect(html).toMatch(/class="okr-body" hidden=""/);
    expect(textOf(html)).toContain('41.4% · Needs attention · Stale · 4 checks');
  });

  it('shows a loading skeleton before any data', () => {
    const html = renderPanel({ refreshing: true });
    expect(html).toContain('data-testid="okr-skeleton"');
    expect(textOf(html)).toContain('Loading OKR data');
  });

  it('says when it shows cached data and is refreshing', () => {
    const view = keyResultView();
    const fetched = new Date('2026-11-21T09:05:00Z');
    const html = renderToStaticMarkup(
      <OkrPanel
        state={{
          view: { ...view, fetchedAt: fetched.toISOString() },
          source: 'cache',
          refreshing: true,
          problem: null,
        }}
        collapsed={false}
        onToggleCollapsed={() => {}}
        optionsUrl={optionsUrl}
      />,
    );
    expect(textOf(html)).toContain('Showing cached data from Nov 21, 2026, 9:05 AM, refreshing…');
    const fresh = renderPanel({ view, source: 'network' });
    expect(fresh).not.toContain('okr-cache-hint');
  });

  it('keeps the cached view when the refresh fails, and says the refresh failed', () => {
    const html = renderPanel({
      view: keyResultView(),
      source: 'cache',
      problem: { kind: 'offline', message: 'No network connection.' },
    });
    expect(textOf(html)).toContain('Couldn’t refresh: you’re offline');
    expect(textOf(html)).toContain('41.4%');
  });

  it('orders an issue page by what it counts toward, with each key result’s chain', () => {
    const text = textOf(renderPanel({ view: issueView(), source: 'network' }));
    expect(text.indexOf('Counts toward')).toBeLessThan(text.indexOf('Completion'));
    expect(text).toContain('Raise weekly active OKR owners');
    expect(text.indexOf('Make OKRs visible')).toBeLessThan(text.indexOf('Ship OKR Lens'));
    expect(text).toContain('Cut setup time to 2 minutes');
  });

  it('shows an objective’s children but no children section for a key result', () => {
    expect(renderPanel({ view: objectiveView(), source: 'network' })).toContain(
      'data-testid="okr-children"',
    );
    expect(renderPanel({ view: keyResultView(), source: 'network' })).not.toContain(
      'data-testid="okr-children"',
    );
  });
});

describe('ParentChain', () => {
  it('lists the chain from the top objective down to the direct parent, then the item', () => {
    const view = keyResultView();
    const text = textOf(
      renderToStaticMarkup(
        <ParentChain chain={view.chain} chainTruncated={false} item={view.item} />,
      ),
    );
    const top = text.indexOf('Make OKRs visible across the company');
    const parent = text.indexOf('Ship OKR Lens to every team');
    const self = text.indexOf('Raise weekly active OKR owners from 120 to 200');
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(parent);
    expect(parent).toBeLessThan(self);
    expect(text).toContain('62%');
    expect(text).toContain('At risk');
  });

  it('marks a stale ancestor’s health, as in the children list', () => {
    const view = keyResultView();
    const chain = [
      step({ title: 'Top', health: 'onTrack', stale: { lastChange: '2026-09-30T12:00:00Z' } }),
    ];
    const text = textOf(
      renderToStaticMarkup(<ParentChain chain={chain} chainTruncated={false} item={view.item} />),
    );
    expect(text).toMatch(/On track stale · no update since Sep 30, 2026/);
  });

  it('links every ancestor to its page', () => {
    const view = keyResultView();
    const html = renderToStaticMarkup(
      <ParentChain chain={view.chain} chainTruncated={false} item={view.item} />,
    );
    for (const ancestor of view.chain) expect(html).toContain(`href="${ancestor.url}"`);
  });

  it('says honestly when the chain starts mid-way', () => {
    const view = keyResultView();
    const html = renderToStaticMarkup(
      <ParentChain chain={view.chain.slice(1)} chainTruncated item={view.item} />,
    );
    expect(textOf(html)).toContain('The chain starts here: you can’t see the objectives above it.');
    const whole = renderToStaticMarkup(
      <ParentChain chain={view.chain} chainTruncated={false} item={view.item} />,
    );
    expect(whole).not.toContain('okr-chain-truncated');
  });

  it('names a top-level objective as such', () => {
    const view = objectiveView();
    const text = textOf(
      renderToStaticMarkup(<ParentChain chain={[]} chainTruncated={false} item={view.item} />),
    );
    expect(text).toContain('A top-level objective: it has no parent.');
    expect(text).toContain(view.item.title);
  });

  it('does not link an ancestor whose address is not a web page', () => {
    const hostile = step({ title: 'Trap', url: 'javascript:alert(1)' });
    const html = renderToStaticMarkup(
      <ParentChain chain={[hostile]} chainTruncated={false} item={keyResultView().item} />,
    );
    expect(html).not.toContain('javascript:');
    expect(textOf(html)).toContain('Trap');
  });
});

describe('ScoreSummary', () => {
  it('shows the score, its band in words, the method and the explanation', () => {
    const text = textOf(renderToStaticMarkup(<ScoreSummary item={keyResultView().item} />));
    expect(text).toContain('41.4%');
    expect(text).toContain('Amber · 40–69%');
    expect(text).toContain('Start → target values');
    expect(text).toContain('(153 − 120) / (200 − 120) = 41.3%');
  });

  it('shows GitLab’s number and how far it is from the computed score', () => {
    const text = textOf(renderToStaticMarkup(<ScoreSummary item={keyResultView().item} />));
    expect(text).toContain('GitLab shows 28% (−13.4 points)');
    expect(text).toContain('13.4 points lower than the computed score');
  });

  it('says when GitLab shows a higher number', () => {
    const item = {
      ...keyResultView().item,
      score: { ...keyResultView().item.score, value: 0.2 },
      gitlabProgress: 30,
      drift: -10,
    };
    expect(textOf(renderToStaticMarkup(<ScoreSummary item={item} />))).toContain(
      'GitLab shows 30% (+10 points)',
    );
  });

  it('shows GitLab’s roll-up for an objective when it differs from the stored progress', () => {
    const text = textOf(renderToStaticMarkup(<ScoreSummary item={objectiveView().item} />));
    expect(text).toContain('GitLab shows 70% (−2.5 points)');
    expect(text).toContain('roll-up of the children would be 65%');
  });

  it('ends the sentence about GitLab’s number before the one about its roll-up', () => {
    // Read as a screen reader and a copy-paste do: the text with no markup between the words.
    const plainText = (item: ItemView) =>
      renderToStaticMarkup(<ScoreSummary item={item} />).replace(/<[^>]*>/g, '');
    expect(plainText(objectiveView().item)).toContain(
      'GitLab shows 70% (−2.5 points), 2.5 points lower than the computed score. Its roll-up of ' +
        'the children would be 65%.',
    );
    const same = { ...keyResultView().item, gitlabProgress: 41.4, drift: 0 };
    expect(plainText(same)).toContain('GitLab shows 41.4% (the same).');
  });

  it('flags a missing score as no data, never as 0%', () => {
    const item = {
      ...keyResultView().item,
      score: {
        value: null,
        method: 'none',
        explanation: 'No values, progress or linked issues.',
        details: [],
        band: 'none' as const,
        expected: null,
        behind: false,
      },
      gitlabProgress: null,
      drift: null,
    };
    const html = renderToStaticMarkup(<ScoreSummary item={item} />);
    const text = textOf(html);
    expect(text).toContain('No data');
    expect(text).toContain('Not scored');
    expect(text).not.toMatch(/\b0%/);
    expect(html).toContain('data-testid="okr-no-data"');
  });

  it('shows the expected progress and whether the item is behind', () => {
    const text = textOf(renderToStaticMarkup(<ScoreSummary item={keyResultView().item} />));
    expect(text).toContain('Expected by now: 72%');
    expect(text).toContain('Behind schedule');
    const onPace = {
      ...keyResultView().item,
      score: { ...keyResultView().item.score, behind: false },
    };
    expect(textOf(renderToStaticMarkup(<ScoreSummary item={onPace} />))).not.toContain(
      'Behind schedule',
    );
  });

  it('puts the breakdown lines in an expandable details element', () => {
    const html = renderToStaticMarkup(<ScoreSummary item={keyResultView().item} />);
    expect(html).toMatch(/<details[^>]*><summary>How it adds up \(3\)<\/summary>/);
    expect(textOf(html)).toContain('Current value 153');
  });
});

describe('WarningsList', () => {
  it('groups warnings by severity: errors first, then warnings, then suggestions', () => {
    const html = renderToStaticMarkup(<WarningsList warnings={keyResultView().warnings} />);
    const text = textOf(html);
    expect(text.indexOf('Error 1')).toBeLessThan(text.indexOf('Warning 1'));
    expect(text.indexOf('Warning 1')).toBeLessThan(text.indexOf('Suggestions 2'));
    expect(text.indexOf('Give this key result exactly one DRI.')).toBeLessThan(
      text.indexOf('Score 41.4% is more'),
    );
  });

  it('keeps each handbook source in a details element', () => {
    const html = renderToStaticMarkup(<WarningsList warnings={keyResultView().warnings} />);
    expect(html.match(/<summary>Handbook source<\/summary>/g)).toHaveLength(4);
    expect(textOf(html)).toContain('000 “only one DRI”');
  });

  it('says so when every check passes', () => {
    expect(textOf(renderToStaticMarkup(<WarningsList warnings={[]} />))).toContain(
      'Every handbook check passes.',
    );
  });
});

describe('ChildrenList', () => {
  it('shows each child with its score, weight and health, and marks weight 0 as not counted', () => {
    const text = textOf(renderToStaticMarkup(<ChildrenList items={objectiveView().children} />));
    expect(text).toContain('Adopt in 10 teams');
    expect(text).toMatch(/60% weight 2 On track/);
    expect(text).toContain('Closed');
    expect(text).toMatch(/no data weight 0 · not counted No health status/);
  });

  it('says beside a stale health status that it is stale, and since when nothing changed', () => {
    const child = (title: string, stale: ChainStep['stale'], health: ChainStep['health']) => ({
      ...step({ title, type: 'keyResult', health, stale }),
      weight: 1,
      method: 'values',
    });
    const html = renderToStaticMarkup(
      <ChildrenList
        items={[
          child('Old news', { lastChange: '2026-10-02T09:00:00.000Z' }, 'onTrack'),
          child('Fresh', undefined, 'onTrack'),
          child('Unset', { lastChange: null }, null),
        ]}
      />,
    );
    const rows = html.split('data-testid="okr-child"').slice(1).map(textOf);
    expect(rows[0]).toMatch(/On track stale · no update since Oct 2, 2026/);
    expect(rows[1]).not.toMatch(/stale/);
    // "No health status" says it already: no second mark.
    expect(rows[2]).toMatch(/No health status/);
    expect(rows[2]).not.toMatch(/stale/);
  });

  it('folds children beyond the first eight', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({
      ...step({ title: `Key result ${i + 1}`, type: 'keyResult' }),
      weight: 1,
      method: 'values',
    }));
    const html = renderToStaticMarkup(<ChildrenList items={many} />);
    expect(textOf(html)).toContain('Show 3 more');
  });
});

describe('ProblemNotice', () => {
  const kinds = ProblemKindSchema.options;

  it('gives every kind of problem its own title', () => {
    const titles = kinds.map((kind) => {
      const html = renderToStaticMarkup(
        <ProblemNotice problem={{ kind, message: '' }} optionsUrl={optionsUrl} />,
      );
      return /<p class="okr-problem-title">([^<]*)<\/p>/.exec(html)![1];
    });
    expect(new Set(titles).size).toBe(kinds.length);
  });

  it('falls back to a sentence of its own when the background sends none', () => {
    for (const kind of kinds) {
      const html = renderToStaticMarkup(
        <ProblemNotice problem={{ kind, message: '' }} optionsUrl={optionsUrl} />,
      );
      const message = /<p class="okr-problem-message"><bdi>([^<]*)<\/bdi>/.exec(html)?.[1] ?? '';
      expect(message, kind).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it('shows the background’s message for the problem', () => {
    const text = textOf(
      renderToStaticMarkup(
        <ProblemNotice
          problem={{ kind: 'forbidden', message: 'You need Reporter access to gitlab-com/okrs.' }}
          optionsUrl={optionsUrl}
        />,
      ),
    );
    expect(text).toContain('You need Reporter access to gitlab-com/okrs.');
  });

  it.each<[ProblemKind, string]>([
    ['noToken', 'Set up OKR Lens'],
    ['noInstance', 'Set up OKR Lens'],
    ['tokenExpired', 'Replace the token'],
    ['unauthorized', 'Update the token'],
    ['insufficientScope', 'Update the token'],
  ])('links %s to the options page with "%s"', (kind, label) => {
    const html = renderToStaticMarkup(
      <ProblemNotice problem={{ kind, message: 'x' }} optionsUrl={optionsUrl} />,
    );
    expect(html).toMatch(new RegExp(`<a[^>]*href="${optionsUrl}"[^>]*>${label}</a>`));
  });

  it('counts down to the retry after a rate limit', () => {
    const html = renderToStaticMarkup(
      <ProblemNotice
        problem={{ kind: 'rateLimited', message: 'Retry later', retryAfterMs: 29_200 }}
        optionsUrl={optionsUrl}
      />,
    );
    expect(textOf(html)).toContain('Retrying in 30 s…');
    const ticking = renderToStaticMarkup(
      <ProblemNotice
        problem={{ kind: 'rateLimited', message: 'Retry later', retryAfterMs: 29_200 }}
        optionsUrl={optionsUrl}
        retryInSeconds={4}
      />,
    );
    expect(textOf(ticking)).toContain('Retrying in 4 s…');
  });

  it('uses the background’s action when it sends one, and refuses non-web links', () => {
    const good = renderToStaticMarkup(
      <ProblemNotice
        problem={{
          kind: 'okrsUnavailable',
          message: 'x',
          action: { label: 'Read about OKRs', url: 'https://docs.gitlab.com/user/okrs/' },
        }}
        optionsUrl={optionsUrl}
      />,
    );
    expect(good).toContain('href="https://docs.gitlab.com/user/okrs/"');
    const bad = renderToStaticMarkup(
      <ProblemNotice
        problem={{
          kind: 'server',
          message: 'x',
          action: { label: 'Click', url: 'javascript:alert(1)' },
        }}
        optionsUrl={optionsUrl}
      />,
    );
    expect(bad).not.toContain('javascript:');
  });
});

describe('hostile GitLab text', () => {
  function hostileView(title: string): OkrView {
    const view = objectiveView();
    return OkrViewSchema.parse({
      ...view,
      item: { ...view.item, title },
      chain: [step({ title })],
      children: [{ ...step({ title, type: 'keyResult' }), weight: 1, method: 'values' }],
      warnings: [{ rule: 'title-prefix', severity: 'warning', message: title, source: title }],
    });
  }

  it('renders markup in titles as text, never as HTML', () => {
    const title = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const html = renderPanel({ view: hostileView(title), source: 'network' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('isolates bidi controls and emoji in their own elements', () => {
    const title = '\u202Eevil\u202C 🎯 OKR ‮';
    const html = renderPanel({ view: hostileView(title), source: 'network' });
    const isolated = html.match(/<bdi class="okr-title"[^>]*>([^<]*)<\/bdi>/g) ?? [];
    expect(isolated.length).toBeGreaterThanOrEqual(2);
    for (const element of isolated) expect(element).toContain('🎯');
  });

  it('keeps a 10,000-character title whole in the page but short in the tooltip', () => {
    const title = 'x'.repeat(10_000);
    const html = renderPanel({ view: hostileView(title), source: 'network' });
    expect(html).toContain(`>${title}</bdi>`);
    const tooltips = [...html.matchAll(/title="(x+)…?"/g)].map((m) => m[1]!.length);
    expect(tooltips.length).toBeGreaterThan(0);
    expect(Math.max(...tooltips)).toBeLessThanOrEqual(300);
  });
});
