// After OKR Lens changed something in GitLab, every open view of that instance hears of it: the
// panels in its tabs (tab messages) and the popup (a runtime message), after the cached views
// are gone, so that what they load is GitLab's new state.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { announceChange, viewsChangedOn } from '../../../lib/background/changes';

const ORIGIN = 'https://gitlab.example.com';
const PUSH = { type: 'view:invalidated', origin: ORIGIN };

async function openTabs(...urls: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const url of urls) ids.push((await browser.tabs.create({ url })).id!);
  return ids;
}

describe('a change announced', () => {
  let toTabs: ReturnType<typeof vi.fn>;
  let toPages: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowser.reset();
    toTabs = vi.fn(async () => undefined);
    toPages = vi.fn(async () => undefined);
    browser.tabs.sendMessage = toTabs as unknown as typeof browser.tabs.sendMessage;
    browser.runtime.sendMessage = toPages as unknown as typeof browser.runtime.sendMessage;
  });

  it('reaches the tabs of that instance and the extension’s own pages, no other tab', async () => {
    const [first, , second] = await openTabs(
      `${ORIGIN}/okrs/-/work_items/1`,
      'https://gitlab.com/okrs/-/work_items/1',
      `${ORIGIN}/okrs/-/work_items/2?show=3`,
      'http://gitlab.example.com/okrs/-/work_items/1',
    );
    await announceChange(ORIGIN);
    expect(toTabs.mock.calls).toEqual([
      [first, PUSH],
      [second, PUSH],
    ]);
    expect(toPages.mock.calls).toEqual([[PUSH]]);
  });

  it('is not stopped by a tab or a popup that is not listening', async () => {
    await openTabs(`${ORIGIN}/okrs/-/work_items/1`);
    toTabs.mockRejectedValue(new Error('Could not establish connection.'));
    toPages.mockRejectedValue(new Error('Receiving end does not exist.'));
    await expect(announceChange(ORIGIN)).resolves.toBeUndefined();
  });

  it('comes after the cached views of the instance are forgotten', async () => {
    const order: string[] = [];
    toPages.mockImplementation(async () => void order.push('announced'));
    await viewsChangedOn(
      {
        forgetOrigin: async (origin) => {
          order.push(`forgot ${origin}`);
        },
      },
      ORIGIN,
    );
    expect(order).toEqual([`forgot ${ORIGIN}`, 'announced']);
  });
});
