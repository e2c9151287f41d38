// The options page's line to the background and the browser: every answer is validated with the
// message schemas before the page believes it.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import {
  DetectResultSchema,
  InstanceSaveResultSchema,
  InstanceViewSchema,
  ProblemSchema,
  type DetectResult,
  type InstanceSaveResult,
  type InstanceView,
  type Request,
} from '../../lib/messages';

export interface OptionsBackend {
  list(): Promise<InstanceView[]>;
  save(baseUrl: string, token: string | undefined): Promise<InstanceSaveResult>;
  check(baseUrl: string): Promise<InstanceSaveResult>;
  remove(baseUrl: string): Promise<void>;
  /** Looks at a group or project and proposes how its OKRs are read (nothing is saved). */
  detectCarrier(baseUrl: string, path: string): Promise<DetectResult>;
  /** Must be the first thing a click handler awaits: the prompt needs the user's gesture. */
  requestHostPermission(pattern: string): Promise<boolean>;
}

const RefusedSchema = z.object({ ok: z.literal(false), problem: ProblemSchema });

async function ask(request: Request): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

function saveResultOf(answer: unknown): InstanceSaveResult {
  const parsed = InstanceSaveResultSchema.safeParse(answer);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    problem: {
      kind: 'malformed',
      message: 'OKR Lens got an answer it could not read. Reload this page and try again.',
    },
  };
}

export const browserBackend: OptionsBackend = {
  async list() {
    const answer = await ask({ type: 'instances:list' });
    const parsed = z.array(InstanceViewSchema).safeParse(answer);
    if (parsed.success) return parsed.data;
    const refused = RefusedSchema.safeParse(answer);
    throw new Error(
      refused.success ? refused.data.problem.message : 'OKR Lens could not list your instances.',
    );
  },
  async save(baseUrl, token) {
    return saveResultOf(
      await ask({ type: 'instances:save', baseUrl, ...(token ? { token } : {}) }),
    );
  },
  async check(baseUrl) {
    return saveResultOf(await ask({ type: 'instances:check', baseUrl }));
  },
  async remove(baseUrl) {
    const refused = RefusedSchema.safeParse(await ask({ type: 'instances:remove', baseUrl }));
    if (refused.success) throw new Error(refused.data.problem.message);
  },
  async detectCarrier(baseUrl, path) {
    const parsed = DetectResultSchema.safeParse(
      await ask({ type: 'carrier:detect', baseUrl, path }),
    );
    if (parsed.success) return parsed.data;
    return {
      ok: false,
      problem: {
        kind: 'malformed',
        message: 'OKR Lens got an answer it could not read. Reload this page and try again.',
      },
    };
  },
  async requestHostPermission(pattern) {
    try {
      return await browser.permissions.request({ origins: [pattern] });
    } catch {
      return false;
    }
  },
};
