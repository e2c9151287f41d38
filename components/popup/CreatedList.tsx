// The key results created in this popup, each with its link in GitLab.
import type { CreatedItem } from '../../lib/messages';
import { safeHref } from '../panel/format';

export function CreatedList({ items }: { items: (CreatedItem & { recovered?: boolean })[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="pop-created" aria-label="Created key results" data-testid="created-list">
      {items.map((item) => (
        <li key={item.id}>
          <span aria-hidden="true">✓</span>
          <span>
            Created{' '}
            <a href={safeHref(item.url)} target="_blank" rel="noreferrer">
              {item.reference}
            </a>{' '}
            {item.title}
            {item.recovered ? ' (found after an unclear answer, not created twice)' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
