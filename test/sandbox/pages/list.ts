// The work items list of a project or group; each title opens the item in a drawer, as
// GitLab's list does, adding `?show=<base64 JSON {iid, full_path, id}>` to the URL.
import { HEALTH_WORDS, type Namespace, type WorkItemRecord } from '../store';
import { html, type SafeHtml } from './html';
import { itemHref, type ViewOptions } from './work-item';

/** GitLab's `show` parameter for a drawer: base64 of `{"iid":"12","full_path":"g/p","id":34}`. */
export function showParam(item: WorkItemRecord): string {
  return Buffer.from(
    JSON.stringify({ iid: String(item.iid), full_path: item.namespacePath, id: item.id }),
  ).toString('base64');
}

export function workItemsList(
  view: ViewOptions,
  ns: Namespace,
  filter: { state: string; type: string | null },
): SafeHtml {
  const items = [...view.store.workItems.values()]
    .filter((item) => item.namespacePath === ns.fullPath && view.store.canRead(view.viewerId, item))
    .filter((item) => filter.state === 'all' || item.state === filter.state)
    .filter((item) => !filter.type || item.type.toLowerCase().replace(' ', '_') === filter.type)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return html`<div class="work-items-list" data-testid="work-items-list">
    <h1>Work items</h1>
    <ul class="issuable-list" data-testid="issuable-container">
      ${items.map(
        (item) =>
          html`<li
            class="issue"
            data-testid="issuable-item-${item.id}"
            data-item-type="${item.type}"
          >
            <a
              href="${itemHref(view, item)}"
              class="issue-title-text"
              data-testid="issuable-title-link"
              data-drawer-link
              data-iid="${item.iid}"
              data-full-path="${item.namespacePath}"
              data-id="${item.id}"
              data-show="${showParam(item)}"
              >${item.title}</a
            >
            <span class="item-meta"
              ><span>${item.type}</span
              ><span>${view.store.reference(item, false)}</span
              >${item.progress ? html`<span>${item.progress.progress}%</span>` : ''}${item.healthStatus ? html`<span>${HEALTH_WORDS[item.healthStatus]}</span>` : ''}${item.state === 'closed' ? html`<span>Closed</span>` : ''}</span
            >
          </li>`,
      )}
    </ul>
  </div>`;
}
