// A title from GitLab, shown as isolated text: bidi controls cannot reorder the panel around it,
// and a very long title is clamped, with the full text kept for the tooltip.
import { safeHref } from './format';

/** Tooltips of absurd length help nobody; the title itself still renders in full (clamped). */
const TOOLTIP_LIMIT = 300;

export function ItemTitle({ title, url }: { title: string; url?: string }) {
  const tooltip = title.length > TOOLTIP_LIMIT ? `${title.slice(0, TOOLTIP_LIMIT)}…` : title;
  const text = (
    <bdi className="okr-title" title={tooltip}>
      {title || 'Untitled'}
    </bdi>
  );
  const href = url === undefined ? undefined : safeHref(url);
  return href ? (
    <a className="okr-link" href={href}>
      {text}
    </a>
  ) : (
    text
  );
}
