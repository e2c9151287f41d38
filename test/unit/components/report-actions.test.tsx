// The map's report buttons and row history as first rendered: every action offered, a "since"
// date to choose, a live status line; the history says it is loading until it is in.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ReportActions } from '../../../components/map/ReportActions';
import { RowHistory } from '../../../components/map/RowHistory';
import { KR11 } from '../okr/quarter/sample-map';

describe('ReportActions', () => {
  const html = renderToStaticMarkup(
    <ReportActions
      make={async () => ({ ok: false, message: 'x' })}
      copy={async () => {}}
      download={() => {}}
    />,
  );
  it('offers the Key Review report, the monthly post and the CSV', () => {
    for (const words of ['Copy Markdown', 'Download Markdown', 'Copy monthly post', 'Download CSV'])
      expect(html).toContain(`>${words}</button>`);
    expect(html).toContain('type="date"');
    expect(html).toContain('role="status"');
  });
  it('offers nothing to press before a map is shown', () => {
    const off = renderToStaticMarkup(
      <ReportActions
        disabled
        make={async () => ({ ok: false, message: 'x' })}
        copy={async () => {}}
        download={() => {}}
      />,
    );
    expect(off.match(/disabled=""/g)).toHaveLength(4);
  });
});

describe('RowHistory', () => {
  it('says it is loading until the history is in', () => {
    const html = renderToStaticMarkup(
      <RowHistory
        item={KR11}
        quarter={{ start: '2026-11-01', end: '2027-01-31' }}
        today="2026-12-10"
        load={() => new Promise(() => {})}
      />,
    );
    expect(html).toContain('Loading the history…');
  });
});
