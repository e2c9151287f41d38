// Imported first by the content script (index.tsx), so this runs before the rest of the bundle is
// even evaluated: the background hears of the page, and starts loading its view, at once.
import { browser } from 'wxt/browser';
import { openPage } from './page-open';

export const pageOpening = openPage(location.href, (message) =>
  browser.runtime.sendMessage(message),
);
