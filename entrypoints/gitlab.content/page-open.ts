// The content script's first words to the background, sent before anything else in the script
// runs: "this page is opening". Light on purpose (no schemas, no UI): it is evaluated first, so
// the background knows the instance and starts loading the view while the rest of the script and
// GitLab's page are still loading.
import { normalizeBasePath } from '../../lib/page';

/** What `page:open` tells: the instance's relative URL root, none, or no answer at all. */
export type PageOpening =
  { instance: true; basePath: string } | { instance: false } | { instance: 'unknown' };

/**
 * The `page:open` answer: the configured instance's relative URL root (`''` at a host's root), or
 * null when the page belongs to no configured instance (or the answer is not one).
 */
export function parseInstanceAnswer(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const basePath = (answer as { basePath?: unknown }).basePath;
  return typeof basePath === 'string' ? normalizeBasePath(basePath) : null;
}

/** Tells the background the page at `url` is opening; `unknown` when it cannot be reached. */
export async function openPage(
  url: string,
  send: (message: { type: 'page:open'; url: string }) => Promise<unknown>,
): Promise<PageOpening> {
  try {
    const basePath = parseInstanceAnswer(await send({ type: 'page:open', url }));
    return basePath === null ? { instance: false } : { instance: true, basePath };
  } catch {
    return { instance: 'unknown' };
  }
}
