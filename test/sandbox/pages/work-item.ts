// The work item view as GitLab's Vue app renders it (the data-testids of spec/gitlab.md "The
// page"): ancestors, title block, description, children, linked items, notes, right sidebar.
import {
  HEALTH_WORDS,
  rolledUpWeightOf,
  scopedLabelKey,
  taskCompletionOf,
  WEIGHT_OPTIONS,
  type SandboxStore,
  type WorkItemRecord,
} from '../store';
import { html, type SafeHtml } from './html';
import { renderMarkdown } from './markdown';

export interface ViewOptions {
  store: SandboxStore;
  viewerId: number | null;
  /** Relative URL root for links ('' or '/gitlab'). */
  root: string;
  /** GitLab before 18.x rendered the right sidebar as an `aside`. */
  sidebarTag: 'aside' | 'section';
  /** Issue pages in GitLab's legacy issue view (see legacy-issue.ts) instead of the work item view. */
  legacyIssues?: boolean;
  /** The legacy page's right sidebar collapsed (the `collapsed_gutter` cookie). */
  gutterCollapsed?: boolean;
}

export const HEALTH_BADGE = {
  onTrack: 'badge-success',
  needsAttention: 'badge-warning',
  atRisk: 'badge-danger',
} as const;

export function itemHref(view: ViewOptions, item: WorkItemRecord): string {
  return `${view.root}${view.store.webPath(item)}`;
}

function itemLink(view: ViewOptions, item: WorkItemRecord, testid: string): SafeHtml {
  return html`<a
    href="${itemHref(view, item)}"
    data-sandbox-nav
    data-testid="${testid}"
    data-iid="${item.iid}"
    data-full-path="${item.namespacePath}"
    data-id="${item.id}"
    >${item.title}</a
  >`;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export function person(view: ViewOptions, userId: number): SafeHtml {
  const user = view.store.users.get(userId);
  if (!user) return html``;
  return html`<a
    href="${view.root}/${user.username}"
    class="assignee-link"
    data-username="${user.username}"
    data-user-id="${user.id}"
    ><span class="avatar" aria-hidden="true">${initials(user.name)}</span>
    <span>${user.name}</span></a
  >`;
}

export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return date.toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function ancestorsNav(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const chain: WorkItemRecord[] = [];
  for (
    let p = view.store.parentOf(item);
    p && view.store.canRead(view.viewerId, p);
    p = view.store.parentOf(p)
  )
    chain.unshift(p);
  const hidden =
    item.parentId !== null && chain.length === 0
      ? html`<span data-testid="work-item-ancestors-hidden">Parent is confidential</span>`
      : html``;
  return html`<nav
    class="work-item-ancestors"
    data-testid="work-item-ancestors"
    aria-label="Ancestors"
  >
    ${chain.map((a, i) => html`${i ? ' / ' : ''}${itemLink(view, a, 'work-item-ancestor-link')}`)}${hidden}
  </nav>`;
}

/**
 * The "More actions" menu of the work item header, reduced to its view options: GitLab 18.x's
 * `work_item_actions.vue` has "Hide sidebar" / "Show sidebar" there (`sidebar-toggle-action`,
 * shortcut mod+/), which `work_item_detail.vue` keeps in localStorage and applies to the sidebar
 * section as `@md/panel:gl-hidden`. Before 18.x (the `aside` sidebar) there is no such toggle.
 */
function actionsMenu(view: ViewOptions): SafeHtml {
  if (view.sidebarTag === 'aside') return html``;
  return html`<div class="work-item-actions">
    <button
      type="button"
      class="btn btn-icon"
      data-testid="work-item-actions-dropdown"
      aria-haspopup="true"
      aria-expanded="false"
      aria-label="More actions"
      title="More actions"
    >
      ⋮
    </button>
    <ul class="dropdown-menu" data-testid="work-item-actions-menu" hidden>
      <li class="dropdown-group-label">View options</li>
      <li data-testid="sidebar-toggle-action" class="js-sidebar-toggle-action">
        <button type="button" class="dropdown-item">
          <span data-testid="sidebar-toggle-label">Hide sidebar</span><kbd>⌘/</kbd>
        </button>
      </li>
    </ul>
  </div>`;
}

function titleBlock(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const author = view.store.users.get(item.authorId);
  const state =
    item.state === 'opened'
      ? html`<span class="badge badge-success" data-testid="work-item-state-badge">Open</span>`
      : html`<span class="badge badge-info" data-testid="work-item-state-badge">Closed</span>`;
  return html`<div data-testid="work-item-type" class="work-item-title-block">
    ${actionsMenu(view)}
    <div class="work-item-type-badge">
      <span data-testid="work-item-type-icon" class="work-item-type-icon" aria-hidden="true"
        >◎</span
      >
      <span data-testid="work-item-type-name">${item.type}</span> ·
      <span data-testid="work-item-reference">${view.store.reference(item, true)}</span> ${state}
      ${item.confidential ? html`<span class="badge badge-warning" data-testid="confidential-badge">Confidential</span>` : ''}
    </div>
    <h1 data-testid="work-item-title" class="work-item-title">${item.title}</h1>
    <div class="work-item-created" data-testid="work-item-created">
      Created <time datetime="${item.createdAt}">${formatDate(item.createdAt)}</time> by
      ${author?.name ?? 'Ghost User'}
    </div>
  </div>`;
}

function childrenTree(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const base = view.store.baseTypeOf(item.type);
  if (base !== 'Objective' && base !== 'Epic' && base !== 'Issue') return html``;
  const children = view.store
    .childrenOf(item.id)
    .filter((c) => view.store.canRead(view.viewerId, c));
  const title = item.type === 'Objective' ? 'Child objectives and key results' : 'Child items';
  return html`<div class="crud" data-testid="work-item-tree" id="tasks">
    <div class="crud-header">
      <span>${title}</span
      ><span class="crud-header-end"
        >${WEIGHT_OPTIONS[view.store.baseTypeOf(item.type)]?.rollup ? rolledUpWeight(view, item) : ''}<span
          data-testid="crud-count"
          >${children.length}</span
        ></span
      >
    </div>
    <ul data-testid="work-item-tree-children">
      ${children.map(
        (c) =>
          html`<li data-testid="work-item-link-child" data-child-type="${c.type}">
            ${c.state === 'closed' ? html`<span class="badge badge-info">Closed</span>` : ''}
            ${itemLink(view, c, 'item-title')}
            <span class="item-meta"
              ><span>${view.store.reference(c, false)}</span
              >${c.progress ? html`<span data-testid="work-item-progress-value">${c.progress.progress}%</span>` : ''}${c.healthStatus ? html`<span class="badge ${HEALTH_BADGE[c.healthStatus]}">${capitalise(HEALTH_WORDS[c.healthStatus])}</span>` : ''}</span
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

/**
 * What GitLab's epic shows in its child items header (work_item_rolled_up_data.vue): the
 * rolled-up weight and the share of it completed, from the weight widget's roll-up.
 */
function rolledUpWeight(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const { rolledUpWeight: total, rolledUpCompletedWeight: done } = rolledUpWeightOf(
    view.store.descendantsOf(item),
  );
  if (total === null) return html``;
  const percent = total === 0 ? 0 : Math.round(((done ?? 0) / total) * 100);
  return html`<span class="rollup-meta" data-testid="work-item-rollup-weight" title="Weight"
      >Weight ${done ?? 0}/${total}</span
    ><span
      class="rollup-meta"
      data-testid="work-item-rollup-progress"
      title="Issue weight completed"
      >${percent}%</span
    >`;
}

export function linkedItems(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const links = item.links.flatMap((link) => {
    const target = view.store.workItem(link.targetId);
    return target && view.store.canRead(view.viewerId, target) ? [{ link, target }] : [];
  });
  const words = {
    relates_to: 'relates to',
    blocks: 'blocks',
    is_blocked_by: 'is blocked by',
  } as const;
  return html`<div class="crud" data-testid="work-item-relationships">
    <div class="crud-header">
      <span>Linked items</span><span data-testid="crud-count">${links.length}</span>
    </div>
    <ul>
      ${links.map(
        ({ link, target }) =>
          html`<li data-testid="work-item-linked-item" data-link-type="${link.linkType}">
            <span class="item-meta" style="margin-left:0">${words[link.linkType]}</span>
            ${target.state === 'closed' ? html`<span class="badge badge-info">Closed</span>` : html`<span class="badge badge-success">Open</span>`}
            ${itemLink(view, target, 'item-title')}
            <span class="item-meta">${view.store.reference(target, true)}</span>
          </li>`,
      )}
    </ul>
  </div>`;
}

export function notes(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  return html`<section class="work-item-notes" data-testid="work-item-notes">
    <h2>Activity</h2>
    <ul class="notes">
      ${item.notes
        .filter((n) => !n.internal || view.viewerId !== null)
        .map((note) => {
          const author = view.store.users.get(note.authorId);
          return note.system
            ? html`<li class="note system-note" data-testid="system-note" id="note_${note.id}">
                <span class="note-header"
                  >${author?.name ?? ''} ·
                  <time datetime="${note.createdAt}">${formatDate(note.createdAt)}</time></span
                >
                <span data-testid="system-note-content">${renderSystemNote(note.body)}</span>
              </li>`
            : html`<li class="note" data-testid="note-container" id="note_${note.id}">
                <div class="note-header">
                  ${author?.name ?? ''} @${author?.username ?? ''} ·
                  <time datetime="${note.createdAt}">${formatDate(note.createdAt)}</time>
                </div>
                <div class="note-body md" data-testid="note-body">${renderMarkdown(note.body)}</div>
              </li>`;
        })}
    </ul>
  </section>`;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * A system note body as GitLab shows it: the custom field notes are HTML (`<p>changed NAME to
 * <code class="idiff">VALUE</code></p>`), rendered from their parts (escaped again); the others
 * are Markdown with `**bold**`.
 */
function renderSystemNote(text: string): SafeHtml {
  const field = /^<p>(changed|removed) (.*?)(?: to|:) <code class="idiff">(.*)<\/code><\/p>$/s.exec(
    text,
  );
  if (field?.[1] && field[2] !== undefined && field[3] !== undefined) {
    const name = unescapeHtml(field[2]);
    const value = unescapeHtml(field[3]);
    return field[1] === 'removed'
      ? html`removed ${name}: <code class="idiff">${value}</code>`
      : html`changed ${name} to <code class="idiff">${value}</code>`;
  }
  return renderInlineMarkdown(text);
}

function renderInlineMarkdown(text: string): SafeHtml {
  const parts = text.split(/\*\*([^*]+)\*\*/);
  return html`${parts.map((part, i) => (i % 2 ? html`<strong>${part}</strong>` : html`${part}`))}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sidebar(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const { store } = view;
  const milestone = store.milestone(item.milestoneId);
  const labels = item.labelIds.flatMap((id) => store.labels.get(id) ?? []);
  const parent = store.parentOf(item);
  const widgets = new Set(['Objective', 'Key Result'].includes(item.type) ? ['progress'] : []);
  const rows: SafeHtml[] = [
    html`<div data-testid="work-item-assignees">
      <h3>Assignees</h3>
      ${item.assigneeIds.length ? item.assigneeIds.map((id) => html`<div>${person(view, id)}</div>`) : html`<span class="sidebar-empty">None</span>`}
    </div>`,
    html`<div data-testid="work-item-labels">
      <h3>Labels</h3>
      ${labels.length ? labels.map((l) => html`<span class="badge badge-neutral${scopedLabelKey(l.title) === null ? '' : ' gl-label-scoped'}" data-testid="label">${l.title}</span> `) : html`<span class="sidebar-empty">None</span>`}
    </div>`,
    html`<div data-testid="work-item-milestone">
      <h3>Milestone</h3>
      ${milestone ? html`<span data-testid="work-item-milestone-title">${milestone.title}</span>${milestone.startDate && milestone.dueDate ? html`<div class="sidebar-empty">${formatDate(milestone.startDate)} – ${formatDate(milestone.dueDate)}</div>` : ''}` : html`<span class="sidebar-empty">None</span>`}
    </div>`,
    html`<div data-testid="work-item-due-dates">
      <h3>Dates</h3>
      <div>
        Start:
        <span data-testid="start-date-value"
          >${item.startDate ? formatDate(item.startDate) : 'None'}</span
        >
      </div>
      <div>
        Due:
        <span data-testid="due-date-value"
          >${item.dueDate ? formatDate(item.dueDate) : 'None'}</span
        >
      </div>
    </div>`,
    html`<div data-testid="work-item-health-status">
      <h3>Health status</h3>
      ${item.healthStatus ? html`<span class="badge ${HEALTH_BADGE[item.healthStatus]}" data-testid="work-item-health-status-value">${capitalise(HEALTH_WORDS[item.healthStatus])}</span>` : html`<span class="sidebar-empty">None</span>`}
    </div>`,
  ];
  // GitLab's sidebar lists the item's custom fields (work_item_custom_fields.vue), empty ones too.
  const fields = store.activeFieldsFor(item);
  if (fields.length) {
    rows.push(
      ...fields.map(
        (f) =>
          html`<div data-testid="work-item-custom-field" data-field-name="${f.name}">
            <h3>${f.name}</h3>
            ${item.customValues[f.id] === undefined ? html`<span class="sidebar-empty">None</span>` : html`<span data-testid="work-item-custom-field-value">${String(item.customValues[f.id])}</span>`}
          </div>`,
      ),
    );
  }
  if (WEIGHT_OPTIONS[store.baseTypeOf(item.type)]?.editable) {
    rows.push(
      html`<div data-testid="work-item-weight">
        <h3>Weight</h3>
        ${item.weight === null ? html`<span class="sidebar-empty">None</span>` : html`<span data-testid="work-item-weight-value">${item.weight}</span>`}
      </div>`,
    );
  }
  if (widgets.has('progress')) {
    const p = item.progress;
    rows.push(
      html`<div data-testid="work-item-progress">
        <h3>Progress</h3>
        ${
          p
            ? html`<span data-testid="work-item-progress-value">${p.progress}%</span
                >${item.type === 'Key Result' ? html` <span class="sidebar-empty">(${p.startValue} → ${p.currentValue} → ${p.endValue})</span>` : ''}
                <div
                  class="progress-bar"
                  role="progressbar"
                  aria-valuenow="${p.progress}"
                  aria-valuemin="0"
                  aria-valuemax="100"
                >
                  <span style="width:${Math.max(0, Math.min(100, p.progress))}%"></span>
                </div>`
            : html`<span class="sidebar-empty">None</span>`
        }
      </div>`,
    );
  }
  rows.push(
    html`<div data-testid="work-item-parent">
      <h3>Parent</h3>
      ${parent && store.canRead(view.viewerId, parent) ? itemLink(view, parent, 'work-item-parent-link') : html`<span class="sidebar-empty">${parent ? 'Confidential parent' : 'None'}</span>`}
    </div>`,
  );
  const attrs = html`data-testid="work-item-overview-right-sidebar"
  class="work-item-overview-right-sidebar"`;
  return view.sidebarTag === 'aside'
    ? html`<aside ${attrs}>${rows}</aside>`
    : html`<section ${attrs}>${rows}</section>`;
}

/** The whole work item view (what `#js-work-items` and the drawer show). */
export function workItemView(view: ViewOptions, item: WorkItemRecord): SafeHtml {
  const tasks = taskCompletionOf(item.description);
  return html`<div
    data-testid="work-item-detail"
    class="work-item-detail"
    data-work-item-id="gid://gitlab/WorkItem/${item.id}"
    data-work-item-iid="${item.iid}"
    data-full-path="${item.namespacePath}"
  >
    <div data-testid="detail-wrapper">
      ${ancestorsNav(view, item)} ${titleBlock(view, item)}
      <div data-testid="work-item-overview" class="work-item-overview">
        <section class="work-item-overview-main">
          <div data-testid="work-item-description" class="description md">
            ${item.description ? renderMarkdown(item.description) : html`<p class="sidebar-empty">No description</p>`}${tasks.count ? html`<div class="sidebar-empty" data-testid="task-completion">${tasks.completedCount} of ${tasks.count} checklist items completed</div>` : ''}
          </div>
          ${childrenTree(view, item)} ${linkedItems(view, item)} ${notes(view, item)}
        </section>
        ${sidebar(view, item)}
      </div>
    </div>
  </div>`;
}
