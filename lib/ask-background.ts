// How an extension page (popup, map) asks the background: the answer is validated with the
// message schemas before the page believes it, and a missing or unreadable answer becomes a
// problem the page can show, ending with what the reader should do (`remedy`).
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import type { Problem, Request } from './messages';

export type Ask = <T>(
  request: Request,
  schema: z.ZodType<T>,
  fallback: (problem: Problem) => T,
) => Promise<T>;

export function askBackground(remedy: string): Ask {
  const unreadable: Problem = {
    kind: 'malformed',
    message: `OKR Lens got an answer it could not read. ${remedy}`,
  };
  return async (request, schema, fallback) => {
    try {
      const parsed = schema.safeParse(await browser.runtime.sendMessage(request));
      return parsed.success ? parsed.data : fallback(unreadable);
    } catch {
      return fallback({
        kind: 'unknown',
        message: `The OKR Lens background did not answer. ${remedy}`,
      });
    }
  };
}

/** A problem as the `{ ok: false }` answer of a request. */
export const refused = (problem: Problem) => ({ ok: false as const, problem });
