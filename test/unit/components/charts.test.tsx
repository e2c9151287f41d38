import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { BurnUpChart } from '../../../components/charts/BurnUpChart';
import { Sparkline } from '../../../components/charts/Sparkline';
import { chartGeometry } from '../../../components/charts/geometry';
import type { HistoryPoint } from '../../../lib/okr/quarter/history';

const quarter = { start: '2026-11-01', end: '2027-01-30' };
const dates = { locale: 'en-US', timeZone: 'UTC' };
const points: HistoryPoint[] = [
  {
    at: '2026-11-11T10:00:00Z',
    progress: 0.1,
    value: null,
    health: 'onTrack',
    changes: ['progress', 'health'],
    author: 'casey',
  },
  {
    at: '2026-12-01T10:00:00Z',
    progress: 0.1,
    value: null,
    health: 'atRisk',
    changes: ['health'],
    author: 'casey',
  },
  {
    at: '2026-12-06T10:00:00Z',
    progress: 0.4,
    value: 4,
    health: 'atRisk',
    changes: ['checkIn'],
    author: 'devon',
  },
];

describe('chartGeometry', () => {
  const frame = { width: 100, height: 110, pad: { top: 5, right: 0, bottom: 5, left: 10 } };
  it('places days across the quarter and progress up the side, holding each value until the next', () => {
    const geometry = chartGeometry(points, quarter, '2026-12-16', frame);
    expect(geometry.x('2026-11-01')).toBe(10);
    expect(geometry.x('2027-01-30')).toBe(100);
    expect(geometry.x('2027-03-01')).toBe(100); // clamped to the quarter
    expect(geometry.y(0)).toBe(105);
    expect(geometry.y(1)).toBe(5);
    expect(geometry.placed).toHaveLength(3);
    expect(geometry.stepPath).toBe('M20,95H40V95H45V65H55');
    expect(geometry.expectedPath).toBe('M10,105L100,5');
    expect(geometry.todayX).toBe(55);
  });
  it('has no today line after the quarter, and holds the last value to its end', () => {
    const geometry = chartGeometry(points, quarter, '2027-02-10', frame);
    expect(geometry.todayX).toBeNull();
    expect(geometry.stepPath.endsWith('H100')).toBe(true);
  });
});

describe('BurnUpChart', () => {
  const html = renderToStaticMarkup(
    <BurnUpChart
      title="Remote Development"
      points={points}
      quarter={quarter}
      today="2026-12-16"
      dates={dates}
    />,
  );
  it('draws one marker per recorded update, and the expected line', () => {
    expect(html.match(/data-testid="okr-history-point"/g)).toHaveLength(3);
    expect(html).toContain('data-testid="okr-burnup-expected"');
  });
  it('says it in words and as a table', () => {
    expect(html).toContain(
      '3 recorded updates from Nov 11, 2026 to Dec 6, 2026; progress now 40%, 50% expected today; at risk.',
    );
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(html).toContain(
      '<td>Dec 6, 2026</td><td>40%</td><td>4</td><td>At risk</td><td>check-in</td><td>@devon</td>',
    );
    expect(html).toContain('aria-hidden="true"');
  });
  it('says so when nothing was recorded or the quarter has no dates', () => {
    const empty = renderToStaticMarkup(
      <BurnUpChart title="x" points={[]} quarter={{ start: null, end: null }} today="2026-12-16" />,
    );
    expect(empty).toContain('No recorded update this quarter.');
    expect(empty).toContain('no expected line to draw');
    expect(empty).not.toContain('<table');
  });
});

describe('Sparkline', () => {
  it('is a labelled picture of the same history', () => {
    const html = renderToStaticMarkup(
      <Sparkline points={points} quarter={quarter} today="2026-12-16" />,
    );
    expect(html).toContain('role="img"');
    expect(html).toMatch(
      /aria-label="History: 3 recorded updates from .*progress now 40%, 50% expected today; at risk\."/,
    );
  });
});
