// The background's message router: each feature registers handlers for its own request types,
// one file a feature, so adding or removing a feature is one line in entrypoints/background.ts.
import type { Browser } from 'wxt/browser';
import type { Problem, Request } from '../messages';

export type Sender = Browser.runtime.MessageSender;
type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;

export type Handler<T extends Request['type']> = (
  request: RequestOf<T>,
  sender: Sender,
) => Promise<unknown>;
export type Handlers = { [T in Request['type']]?: Handler<T> };

export interface SenderPolicy {
  /** True when the sender is one of the extension's own pages (options, popup), not a tab. */
  isExtensionPage(sender: Sender): boolean;
}

export function refused(message: string): { ok: false; problem: Problem } {
  return { ok: false, problem: { kind: 'invalidRequest', message } };
}

/** Answers only requests from the extension's own pages; content scripts get a refusal. */
export function extensionPagesOnly<T extends Request['type']>(
  policy: SenderPolicy,
  handler: Handler<T>,
): Handler<T> {
  return (request, sender) =>
    policy.isExtensionPage(sender)
      ? handler(request, sender)
      : Promise.resolve(refused('Only OKR Lens itself may ask for that.'));
}

export function createRouter(features: Handlers[]) {
  const table: Handlers = Object.assign({}, ...features);
  return (request: Request, sender: Sender): Promise<unknown> => {
    const handler = table[request.type] as Handler<typeof request.type> | undefined;
    return handler
      ? handler(request, sender)
      : Promise.resolve(refused(`Nothing answers ${request.type}.`));
  };
}
