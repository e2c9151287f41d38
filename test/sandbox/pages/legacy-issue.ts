// GitLab's legacy issue page: the issue view before issues became work items, still served where
// the `work_item_view_for_issues` flag is off (it turned on by default in 17.11) or a user keeps the
// old look. Server-rendered HAML with Vue widgets inside, no `#js-work-items` and none of the work
// item test ids. The markup follows GitLab's views:
// - app/views/projects/issues/_details_content.html.haml: `.issue-details.issuable-details`,
//   `.detail-page-description` holding `#js-issuable-app` (title and description), then the
//   `.js-issue-widgets` blocks (related items, discussion);
// - app/views/shared/issuable/_sidebar.html.haml: `aside.right-sidebar.js-right-sidebar
//   .js-issuable-sidebar` (with `right-sidebar-expanded` or `right-sidebar-collapsed`, from the
//   `collapsed_gutter` cookie), `.issuable-sidebar`, `.issuable-sidebar-header` with the
//   `.js-sidebar-toggle` gutter button, then the `.issuable-context-form` blocks.
// Served for `/-/issues/<iid>` with `?issue_view=legacy` (cookie `okr_sandbox_issue_view`).
import type { WorkItemRecord } from '../store';
import { COLLAPSED_GUTTER_COOKIE } from './client';
import { html, type SafeHtml } from './html';
import { renderMarkdown } from './markdown';
import {
  capitalise,
  formatDate,
  HEALTH_BADGE,
  linkedItems,
  notes,
  person,
  type ViewOptions,
} from './work-item';
import { HEALTH_WORDS } from '../store';

export const ISSUE_VIEW_COOKIE = 'okr_sandbox_issue_view';

/** Whether the issue pages of this request show the legacy view (switch, then cookie). */
export function wantsLegacyIssueView(
  query: URLSearchParams,
  cookies: Record<string, string>,
): boolean {
  return (query.get('issue_view') ?? cookies[ISSUE_VIEW_COOKIE]) === 'legacy';
}

export function sidebarCollapsed(cookies: Record<string, string>): boolean {
  return cookies[COLLAPSED_GUTTER_COOKIE] === 'true';
}

function sidebarBlock(title: string, testid: string, className: string, body: SafeHtml): SafeHtml {
  return html`<div class="block ${className}" data-testid="${testid}">
    <div class="title hide-collapsed">${title}</div>
    <div class="value hide-collapsed">${body}</div>
  </div>`;
}

function legacySidebar(view: ViewOptions, item: WorkItemRecord, collapsed: boolean): SafeHtml {
  const { store } = view;
  const milestone = store.milestone(item.milestoneId);
  const labels = item.labelIds.flatMap((id) => store.labels.get(id) ?? []);
  const none = html`<span class="no-value">None</span>`;
  return html`<aside
    class="right-sidebar js-right-sidebar js-issuable-sidebar ${collapsed ? 'right-sidebar-collapsed' : 'right-sidebar-expanded'}"
    data-auto-collapse="true"
    data-always-show-toggle="true"
    data-signed-in="${view.viewerId !== null ? 'true' : 'false'}"
    data-issuable-type="issue"
    aria-live="polite"
    aria-label="issue"
  >
    <div class="issuable-sidebar">
      <div class="issuable-sidebar-header">
        <button
          type="button"
          class="btn gutter-toggle js-sidebar-toggle"
          aria-label="Toggle sidebar"
          title="${collapsed ? 'Expand sidebar' : 'Collapse sidebar'}"
        >
          ${collapsed ? '«' : '»'}
        </button>
      </div>
      <form class="issuable-context-form inline-update js-issuable-update">
        ${sidebarBlock(
          'Assignees',
          'assignee-block-container',
          'assignee',
          item.assigneeIds.length
            ? html`${item.assigneeIds.map((id) => html`<div>${person(view, id)}</div>`)}`
            : none,
        )}
        ${sidebarBlock(
          'Labels',
          'sidebar-labels',
          'labels js-sidebar-labels-widget-root',
          labels.length
            ? html`${labels.map((l) => html`<span class="badge badge-neutral gl-label">${l.title}</span> `)}`
            : none,
        )}
        ${sidebarBlock(
          'Milestone',
          'sidebar-milestones',
          'milestone',
          milestone ? html`${milestone.title}` : none,
        )}
        ${sidebarBlock(
          'Due date',
          'sidebar-due-date',
          'js-sidebar-due-date-widget-root',
          item.dueDate ? html`${formatDate(item.dueDate)}` : none,
        )}
        ${sidebarBlock(
          'Health status',
          'sidebar-health-status',
          'js-sidebar-health-status-widget-root',
          item.healthStatus
            ? html`<span class="badge ${HEALTH_BADGE[item.healthStatus]}"
                >${capitalise(HEALTH_WORDS[item.healthStatus])}</span
              >`
            : none,
        )}
      </form>
    </div>
  </aside>`;
}

/** The legacy issue page's content: details on the left, the right sidebar beside them. */
export function legacyIssueView(
  view: ViewOptions,
  item: WorkItemRecord,
  options: { collapsed: boolean },
): SafeHtml {
  const author = view.store.users.get(item.authorId);
  return html`<div class="legacy-issue-page">
    <div class="issue-details issuable-details js-issue-details">
      <div class="detail-page-description content-block js-detail-page-description">
        <div
          id="js-issuable-app"
          data-initial="${JSON.stringify({ issuableRef: view.store.reference(item, false) })}"
        >
          <div class="detail-page-header">
            ${
              item.state === 'opened'
                ? html`<span class="badge badge-success issuable-status-badge">Open</span>`
                : html`<span class="badge badge-info issuable-status-badge">Closed</span>`
            }
            <span class="issuable-meta"
              >Issue created
              <time datetime="${item.createdAt}">${formatDate(item.createdAt)}</time> by
              ${author?.name ?? 'Ghost User'}</span
            >
          </div>
          <div class="title-container">
            <h1 class="title page-title" data-testid="issue-title">${item.title}</h1>
          </div>
          ${
            item.description
              ? html`<div class="description">
                  <div class="md">${renderMarkdown(item.description)}</div>
                </div>`
              : ''
          }
        </div>
      </div>
      <div class="js-issue-widgets">${linkedItems(view, item)}</div>
      <div class="js-issue-widgets">
        <section class="issuable-discussion">${notes(view, item)}</section>
      </div>
    </div>
    ${legacySidebar(view, item, options.collapsed)}
  </div>`;
}
