// GitLab's look for the sandbox pages: its design tokens (CSS custom properties) in a light and
// a dark theme (`<html class="gl-dark">`), so the extension's panel can inherit them.

const LIGHT = {
  '--gl-background-color-default': '#ffffff',
  '--gl-background-color-subtle': '#fbfafd',
  '--gl-background-color-strong': '#ececef',
  '--gl-background-color-overlap': '#ffffff',
  '--gl-text-color-default': '#3a383f',
  '--gl-text-color-subtle': '#626168',
  '--gl-text-color-strong': '#18171d',
  '--gl-text-color-heading': '#18171d',
  '--gl-text-color-link': '#1068bf',
  '--gl-link-color': '#1068bf',
  '--gl-border-color-default': '#dcdcde',
  '--gl-border-color-subtle': '#ececef',
  '--gl-border-color-strong': '#bfbfc3',
  '--gl-focus-ring-outer-color': '#428fdc',
  '--gl-status-success-background-color': '#c3e6cd',
  '--gl-status-success-text-color': '#24663b',
  '--gl-status-success-icon-color': '#108548',
  '--gl-status-warning-background-color': '#f5d9a8',
  '--gl-status-warning-text-color': '#8f4700',
  '--gl-status-warning-icon-color': '#ab6100',
  '--gl-status-danger-background-color': '#fdd4cd',
  '--gl-status-danger-text-color': '#ae1800',
  '--gl-status-danger-icon-color': '#dd2b0e',
  '--gl-status-info-background-color': '#cbe2f9',
  '--gl-status-info-text-color': '#0b5cad',
  '--gl-status-info-icon-color': '#1f75cb',
  '--gl-status-neutral-background-color': '#dcdcde',
  '--gl-status-neutral-text-color': '#535158',
  '--gl-status-neutral-icon-color': '#737278',
  '--gl-feedback-success-text-color': '#217645',
  '--gl-feedback-warning-text-color': '#9e5400',
  '--gl-feedback-danger-text-color': '#c91c00',
  '--gl-action-neutral-background-color-hover': '#ececef',
  '--gl-control-border-color-default': '#89888d',
  '--super-sidebar-bg': '#f1f1f5',
};

const DARK: Record<keyof typeof LIGHT, string> = {
  '--gl-background-color-default': '#18171d',
  '--gl-background-color-subtle': '#1f1e24',
  '--gl-background-color-strong': '#333238',
  '--gl-background-color-overlap': '#28272d',
  '--gl-text-color-default': '#ececef',
  '--gl-text-color-subtle': '#bfbfc3',
  '--gl-text-color-strong': '#fbfafd',
  '--gl-text-color-heading': '#fbfafd',
  '--gl-text-color-link': '#63a6e9',
  '--gl-link-color': '#63a6e9',
  '--gl-border-color-default': '#434248',
  '--gl-border-color-subtle': '#333238',
  '--gl-border-color-strong': '#626168',
  '--gl-focus-ring-outer-color': '#63a6e9',
  '--gl-status-success-background-color': '#0d4524',
  '--gl-status-success-text-color': '#91d4a8',
  '--gl-status-success-icon-color': '#52b87a',
  '--gl-status-warning-background-color': '#5c2900',
  '--gl-status-warning-text-color': '#e9be74',
  '--gl-status-warning-icon-color': '#d99530',
  '--gl-status-danger-background-color': '#660e00',
  '--gl-status-danger-text-color': '#fcb5aa',
  '--gl-status-danger-icon-color': '#ec5941',
  '--gl-status-info-background-color': '#033464',
  '--gl-status-info-text-color': '#9dc7f1',
  '--gl-status-info-icon-color': '#428fdc',
  '--gl-status-neutral-background-color': '#4c4b51',
  '--gl-status-neutral-text-color': '#dcdcde',
  '--gl-status-neutral-icon-color': '#a4a3a8',
  '--gl-feedback-success-text-color': '#52b87a',
  '--gl-feedback-warning-text-color': '#d99530',
  '--gl-feedback-danger-text-color': '#ec5941',
  '--gl-action-neutral-background-color-hover': '#333238',
  '--gl-control-border-color-default': '#89888d',
  '--super-sidebar-bg': '#1f1e24',
};

const declarations = (tokens: Record<string, string>) =>
  Object.entries(tokens)
    .map(([name, value]) => `  ${name}: ${value};`)
    .join('\n');

export const THEME_CSS = `
:root {
${declarations(LIGHT)}
  color-scheme: light;
}
html.gl-dark {
${declarations(DARK)}
  color-scheme: dark;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 'GitLab Sans', -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Ubuntu, sans-serif;
  background: var(--gl-background-color-default); color: var(--gl-text-color-default); }
a { color: var(--gl-text-color-link); text-decoration: none; }
a:hover { text-decoration: underline; }
.layout { display: grid; grid-template-columns: 256px 1fr; min-height: 100vh; }
#super-sidebar { background: var(--super-sidebar-bg); border-right: 1px solid var(--gl-border-color-default); padding: 12px; }
#super-sidebar .brand { font-weight: 700; margin-bottom: 16px; display: flex; gap: 8px; align-items: center; }
#super-sidebar .brand svg { width: 24px; height: 24px; }
#super-sidebar nav a { display: block; padding: 6px 8px; border-radius: 4px; color: var(--gl-text-color-default); }
#super-sidebar nav a.active { background: var(--gl-action-neutral-background-color-hover); font-weight: 600; }
.top-bar-container { display: flex; align-items: center; justify-content: space-between; height: 48px; padding: 0 16px;
  border-bottom: 1px solid var(--gl-border-color-subtle); }
.breadcrumbs { display: flex; gap: 6px; color: var(--gl-text-color-subtle); }
.breadcrumbs a { color: var(--gl-text-color-subtle); }
.user-menu { display: flex; align-items: center; gap: 8px; color: var(--gl-text-color-subtle); }
.avatar { display: inline-flex; width: 24px; height: 24px; border-radius: 50%; background: var(--gl-status-info-background-color);
  color: var(--gl-status-info-text-color); align-items: center; justify-content: center; font-size: 11px; font-weight: 600; }
.content-wrapper { padding: 0 24px 48px; }
#js-work-items:empty::before { content: ''; display: block; width: 24px; height: 24px; margin: 48px auto; border-radius: 50%;
  border: 3px solid var(--gl-border-color-default); border-top-color: var(--gl-text-color-subtle); animation: spin 0.8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.work-item-detail { max-width: 1200px; }
.work-item-ancestors { display: flex; flex-wrap: wrap; gap: 4px; padding-top: 12px; color: var(--gl-text-color-subtle); font-size: 12px; }
[data-testid='work-item-type'] { padding: 12px 0; border-bottom: 1px solid var(--gl-border-color-subtle); }
.work-item-type-badge { display: inline-flex; gap: 6px; align-items: center; color: var(--gl-text-color-subtle); font-size: 12px; }
.badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 600; }
.badge-success { background: var(--gl-status-success-background-color); color: var(--gl-status-success-text-color); }
.badge-warning { background: var(--gl-status-warning-background-color); color: var(--gl-status-warning-text-color); }
.badge-danger { background: var(--gl-status-danger-background-color); color: var(--gl-status-danger-text-color); }
.badge-info { background: var(--gl-status-info-background-color); color: var(--gl-status-info-text-color); }
.badge-neutral { background: var(--gl-status-neutral-background-color); color: var(--gl-status-neutral-text-color); }
h1[data-testid='work-item-title'] { font-size: 24px; margin: 6px 0; color: var(--gl-text-color-heading); }
.work-item-overview { display: flex; gap: 32px; padding-top: 16px; }
.work-item-overview-main { flex: 1; min-width: 0; }
.work-item-overview-right-sidebar { flex: none; width: 290px; }
/* GitLab's panel container queries (Tailwind '@md/panel:'): the content area is the 'panel'
   container, md = 768px. A hidden work item sidebar is gone from that width up. */
.content-area { container: panel / inline-size; min-width: 0; }
@container panel (min-width: 768px) { .\\@md\\/panel\\:gl-hidden { display: none !important; } }
.work-item-title-block { position: relative; }
.work-item-actions { position: absolute; top: 12px; right: 0; }
.btn-icon { padding: 2px 10px; font-size: 16px; line-height: 1.2; }
.dropdown-menu { position: absolute; right: 0; top: calc(100% + 4px); min-width: 220px; margin: 0; padding: 4px 0; list-style: none; z-index: 5;
  background: var(--gl-background-color-overlap); border: 1px solid var(--gl-border-color-default); border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,0.15); }
.dropdown-group-label { padding: 6px 12px; font-size: 12px; font-weight: 600; color: var(--gl-text-color-subtle); }
.dropdown-item { display: flex; width: 100%; justify-content: space-between; gap: 12px; padding: 6px 12px; border: 0; background: none;
  color: var(--gl-text-color-default); font: inherit; cursor: pointer; text-align: left; }
.dropdown-item:hover { background: var(--gl-action-neutral-background-color-hover); }
.dropdown-item kbd { font-size: 11px; color: var(--gl-text-color-subtle); }
/* The legacy issue page: details beside the right sidebar (fixed on GitLab; a column here). */
.legacy-issue-page { display: flex; gap: 24px; padding-top: 16px; }
.legacy-issue-page .issue-details { flex: 1; min-width: 0; }
.legacy-issue-page .detail-page-header { display: flex; gap: 8px; align-items: center; color: var(--gl-text-color-subtle); font-size: 13px; }
.legacy-issue-page h1.page-title { font-size: 24px; margin: 8px 0; color: var(--gl-text-color-heading); }
aside.right-sidebar { flex: none; width: 290px; border-left: 1px solid var(--gl-border-color-default); padding-left: 16px;
  background: var(--gl-background-color-default); }
aside.right-sidebar.right-sidebar-collapsed { width: 62px; padding-left: 8px; }
aside.right-sidebar.right-sidebar-collapsed .hide-collapsed { display: none; }
.issuable-sidebar-header { display: flex; justify-content: flex-end; padding: 8px 0; border-bottom: 1px solid var(--gl-border-color-subtle); }
.issuable-sidebar .block { padding: 12px 0; border-bottom: 1px solid var(--gl-border-color-subtle); }
.issuable-sidebar .block .title { font-weight: 600; color: var(--gl-text-color-heading); margin-bottom: 4px; }
.issuable-sidebar .no-value { color: var(--gl-text-color-subtle); }
.work-item-overview-right-sidebar > div { padding: 12px 0; border-bottom: 1px solid var(--gl-border-color-subtle); }
.work-item-overview-right-sidebar h3 { margin: 0 0 4px; font-size: 14px; color: var(--gl-text-color-heading); }
.sidebar-empty { color: var(--gl-text-color-subtle); }
.progress-bar { height: 8px; background: var(--gl-background-color-strong); border-radius: 4px; overflow: hidden; margin-top: 4px; }
.progress-bar > span { display: block; height: 100%; background: var(--gl-status-success-icon-color); }
.description { padding-bottom: 16px; }
.description pre { background: var(--gl-background-color-subtle); border: 1px solid var(--gl-border-color-default); border-radius: 4px; padding: 8px; overflow: auto; }
.task-list-item { list-style: none; margin-left: -20px; }
.crud { border: 1px solid var(--gl-border-color-default); border-radius: 6px; margin: 16px 0; }
.crud-header { padding: 8px 12px; background: var(--gl-background-color-subtle); border-bottom: 1px solid var(--gl-border-color-default); font-weight: 600; display: flex; justify-content: space-between; }
.crud-header-end { display: flex; gap: 12px; align-items: baseline; }
.rollup-meta { color: var(--gl-text-color-subtle); font-size: 12px; font-weight: 400; }
.crud ul { list-style: none; margin: 0; padding: 0; }
.crud li { padding: 8px 12px; border-bottom: 1px solid var(--gl-border-color-subtle); display: flex; gap: 8px; align-items: center; }
.crud li:last-child { border-bottom: 0; }
.item-meta { color: var(--gl-text-color-subtle); font-size: 12px; margin-left: auto; display: flex; gap: 8px; }
.notes { list-style: none; padding: 0; }
.note { padding: 8px 0; border-bottom: 1px solid var(--gl-border-color-subtle); }
.note.system-note { color: var(--gl-text-color-subtle); font-size: 13px; }
.note-header { font-size: 12px; color: var(--gl-text-color-subtle); }
.work-item-drawer { position: fixed; top: 0; right: 0; bottom: 0; width: min(900px, 70vw); background: var(--gl-background-color-default);
  border-left: 1px solid var(--gl-border-color-default); box-shadow: -4px 0 16px rgba(0,0,0,0.15); overflow: auto; padding: 0 24px 24px; z-index: 10; }
.work-item-drawer .drawer-header { display: flex; justify-content: space-between; align-items: center; padding: 12px 0; position: sticky; top: 0; background: inherit; }
.btn { border: 1px solid var(--gl-border-color-default); background: var(--gl-background-color-default); color: var(--gl-text-color-default);
  border-radius: 4px; padding: 4px 10px; cursor: pointer; font: inherit; }
.issuable-list { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--gl-border-color-default); }
.issuable-list li { padding: 10px 0; border-bottom: 1px solid var(--gl-border-color-subtle); display: flex; gap: 8px; align-items: baseline; }
.sandbox-not-found { padding: 64px 0; text-align: center; color: var(--gl-text-color-subtle); }
`;
