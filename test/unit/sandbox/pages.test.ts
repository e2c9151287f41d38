// The HTML pages carry what the content script reads on a real GitLab page: body data
// attributes, the Vue mount point and the test ids, under both URL roots and both themes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { start } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

const bodyAttributes = (page: string) =>
  Object.fromEntries(
    [...(/<body([^>]*)>/.exec(page)?.[1] ?? '').matchAll(/(data-[\w-]+)="([^"]*)"/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );

describe('pages', () => {
  it('a project work item page has GitLab body attributes and an empty #js-work-items mount', async () => {
    const response = await fetch(sandbox.urlOf('ally-kr2'));
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(bodyAttributes(page)).toMatchObject({
      'data-page': 'projects:work_items:show',
      'data-page-type-id': '',
      'data-project-full-path': 'gitlab-com/gitlab-okrs',
      'data-group-full-path': 'gitlab-com',
    });
    expect(page).toMatch(/<div\s+id="js-work-items"[^>]*><\/div>/);
    for (const testid of [
      'work-item-detail',
      'detail-wrapper',
      'work-item-type',
      'work-item-overview',
      'work-item-overview-right-sidebar',
      'work-item-assignees',
      'work-item-due-dates',
    ]) {
      expect(page).toContain(`data-testid="${testid}"`);
    }
  });

  it('issue pages and group pages say so in data-page', async () => {
    const issue = await (await fetch(sandbox.urlOf('ally-issue-19'))).text();
    expect(bodyAttributes(issue)).toMatchObject({
      'data-page': 'projects:issues:show',
      'data-page-type-id': '19',
    });
    const group = await (await fetch(sandbox.urlOf('group-objective'))).text();
    expect(bodyAttributes(group)).toMatchObject({
      'data-page': 'groups:work_items:show',
      'data-group-full-path': 'gitlab-com',
    });
  });

  it('seeded text is escaped, never markup', async () => {
    sandbox.store.workItemBySeedKey('empty-objective')!.title = '<img src=x onerror=alert(1)>';
    const page = await (await fetch(sandbox.urlOf('empty-objective'))).text();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    sandbox.reset();
  });

  it('the relative URL root serves the same pages with links that keep the root', async () => {
    const page = await (await fetch(sandbox.urlOf('deep-kr-4', { relativeRoot: true }))).text();
    expect(page).toContain(`href="/gitlab${sandbox.item('deep-o4').webPath}"`);
    expect(page).toContain('"relative_url_root":"/gitlab"');
  });

  it('?theme=dark sets gl-dark and a cookie that keeps it on the next page', async () => {
    const dark = await fetch(`${sandbox.urlOf('ally-kr2')}?theme=dark`);
    expect(await dark.text()).toMatch(/<html\s+class="gl-dark/);
    const cookie = dark.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toBe('okr_sandbox_theme=dark');
    const next = await (
      await fetch(sandbox.urlOf('ally-kr1'), { headers: { Cookie: cookie } })
    ).text();
    expect(next).toMatch(/<html\s+class="gl-dark/);
    expect(next).toContain('--gl-background-color-default');
  });

  it('a confidential item the viewer cannot read is a 404 page', async () => {
    expect((await fetch(sandbox.urlOf('ceo-confidential'))).status).toBe(404);
  });

  it('the list page links open a drawer with GitLab show parameter', async () => {
    const list = await (await fetch(`${sandbox.url}/gitlab-com/gitlab-okrs/-/work_items`)).text();
    const show =
      new RegExp(`data-iid="${sandbox.item('ally-kr2').iid}"[^>]*data-show="([^"]+)"`).exec(
        list,
      )?.[1] ?? '';
    expect(JSON.parse(Buffer.from(show, 'base64').toString())).toEqual({
      iid: sandbox.item('ally-kr2').iid,
      full_path: 'gitlab-com/gitlab-okrs',
      id: Number(sandbox.item('ally-kr2').gid.split('/').at(-1)),
    });
    const drawer = (await (
      await fetch(`${sandbox.url}/-/sandbox/fragment?show=${encodeURIComponent(show)}`)
    ).json()) as { html: string };
    expect(drawer.html).toContain('Roll the issue-scoring integration out to 4 pilot teams');
  });
});
