// `createRoot` of react-dom/client over Preact's own `render`: the content script renders the
// shared components with Preact's core and hooks (wxt.config.ts aliases `react` to
// preact/hooks), without preact/compat, which would add about 2 KB gzipped to every GitLab page.
// The panel uses only what both share: function components, `useState`, DOM props and events.
import { render, type ComponentChild } from 'preact';

export function createRoot(container: Element) {
  return {
    render: (element: ComponentChild) => render(element, container),
    unmount: () => render(null, container),
  };
}
