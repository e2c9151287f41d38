import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import {
  basePathOfPage,
  findPlacement,
  isGitLabPage,
  themeOf,
} from '../../../entrypoints/gitlab.content/markers';

function page(body: string, { bodyAttributes = '', htmlClass = '', head = '' } = {}): Document {
  const { document } = parseHTML(
    `<!doctype html><html class="${htmlClass}"><head>${head}</head><body ${bodyAttributes}>${body}</body></html>`,
  );
  return document as unknown as Document;
}

const workItemApp = `
  <div data-testid="work-item-detail" class="work-item-detail">
    <div data-testid="work-item-type">Title block</div>
    <div data-testid="work-item-overview">
      <section id="description">Description</section>
      <section data-testid="work-item-overview-right-sidebar" id="sidebar">Sidebar</section>
    </div>
  </div>`;

describe('isGitLabPage', () => {
  it('recognises GitLab by its body data-page, its site name or the work item app', () => {
    expect(isGitLabPage(page('', { bodyAttributes: 'data-page="projects:work_items:show"' }))).toBe(
      true,
    );
    expect(
      isGitLabPage(page('', { head: '<meta property="og:site_name" content="GitLab">' })),
    ).toBe(true);
    expect(isGitLabPage(page('<div id="js-work-items"></div>'))).toBe(true);
  });

  it('does not take any page on the host for GitLab', () => {
    expect(isGitLabPage(page('<p>Status page</p>'))).toBe(false);
    expect(isGitLabPage(page('', { bodyAttributes: 'data-page="<script>"' }))).toBe(false);
  });
});

describe('basePathOfPage', () => {
  it('finds the relative URL root from the namespace the body names', () => {
    const doc = page('', { bodyAttributes: 'data-project-full-path="g/p"' });
    expect(basePathOfPage(doc, '/gitlab/g/p/-/work_items/3')).toBe('/gitlab');
    expect(basePathOfPage(doc, '/g/p/-/work_items/3')).toBe('');
  });

  it('falls back to the OpenSearch link when the body names no namespace', () => {
    const head =
      '<link rel="search" type="application/opensearchdescription+xml" href="/git/search/opensearch.xml">';
    expect(basePathOfPage(page('', { head }), '/dashboard/issues')).toBe('/git');
    expect(basePathOfPage(page(''), '/dashboard/issues')).toBe('');
  });
});

describe('findPlacement', () => {
  it('puts the panel at the top of the right sidebar', () => {
    const placement = findPlacement(page(workItemApp), 'page');
    expect(placement?.anchor.id).toBe('sidebar');
    expect(placement?.append).toBe('first');
    expect(placement?.where).toBe('sidebar');
  });

  it('without a sidebar, puts it at the top of the main column', () => {
    const placement = findPlacement(
      page(workItemApp.replace(/<section data-testid[^]*?<\/section>/, '')),
      'page',
    );
    expect(placement?.anchor.id).toBe('description');
    expect(placement?.append).toBe('first');
    expect(placement?.where).toBe('main');
  });

  it('moves to the main column while the user has hidden the sidebar, and back', () => {
    const doc = page(workItemApp);
    const sidebar = doc.getElementById('sidebar')!;
    // linkedom has no layout: GitLab's `@md/panel:gl-hidden` is read from the computed style.
    Object.assign(doc.defaultView as object, {
      getComputedStyle: (element: Element) => ({
        display: element.classList.contains('@md/panel:gl-hidden') ? 'none' : 'block',
      }),
    });
    sidebar.classList.add('@md/panel:gl-hidden');
    expect(findPlacement(doc, 'page')).toMatchObject({
      anchor: doc.getElementById('description'),
      append: 'first',
      where: 'main',
    });
    sidebar.classList.remove('@md/panel:gl-hidden');
    expect(findPlacement(doc, 'page')?.anchor.id).toBe('sidebar');
  });

  it('on the legacy issue page, goes below the sidebar header, or after the description when collapsed', () => {
    const legacy = (state: string) => `
      <div class="issue-details issuable-details">
        <div class="detail-page-description content-block" id="description"></div>
      </div>
      <aside class="right-sidebar js-right-sidebar js-issuable-sidebar ${state}">
        <div class="issuable-sidebar">
          <div class="issuable-sidebar-header" id="header"></div>
          <form class="issuable-context-form"></form>
        </div>
      </aside>`;
    expect(findPlacement(page(legacy('right-sidebar-expanded')), 'page')).toMatchObject({
      append: 'after',
      where: 'sidebar',
    });
    expect(findPlacement(page(legacy('right-sidebar-expanded')), 'page')?.anchor.id).toBe('header');
    const collapsed = findPlacement(page(legacy('right-sidebar-collapsed')), 'page');
    expect(collapsed?.anchor.id).toBe('description');
    expect(collapsed).toMatchObject({ append: 'after', where: 'main' });
  });

  it('waits while GitLab has not rendered the app', () => {
    expect(findPlacement(page('<div id="js-work-items"></div>'), 'page')).toBeNull();
  });

  it('puts the drawer’s item inside the drawer, and the page’s item outside it', () => {
    const drawer = `<aside data-testid="work-item-drawer">${workItemApp.replace('id="sidebar"', 'id="drawer-sidebar"')}</aside>`;
    const doc = page(workItemApp + drawer);
    expect(findPlacement(doc, 'drawer')?.anchor.id).toBe('drawer-sidebar');
    expect(findPlacement(doc, 'drawer')?.where).toBe('drawer');
    expect(findPlacement(doc, 'page')?.anchor.id).toBe('sidebar');
  });

  it('waits for the drawer when the URL says one is open', () => {
    expect(findPlacement(page(workItemApp), 'drawer')).toBeNull();
  });
});

describe('themeOf', () => {
  it('follows GitLab’s colour mode classes', () => {
    expect(themeOf(page('', { htmlClass: 'gl-dark' }))).toBe('dark');
    expect(themeOf(page('', { htmlClass: 'gl-system' }))).toBe('auto');
    expect(themeOf(page('', { htmlClass: 'gl-light' }))).toBe('light');
  });
});
