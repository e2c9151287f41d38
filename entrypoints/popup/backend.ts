// The popup's line to the background and the browser: every answer is validated with the
// message schemas before the popup believes it.
import { browser } from 'wxt/browser';
import { askBackground, refused } from '../../lib/ask-background';
import {
  CreateContextResultSchema,
  CreateSubmitResultSchema,
  InstanceViewSchema,
  ObjectivePicksResultSchema,
  PushSchema,
  StaleActionResultSchema,
  ViewResultSchema,
  type CreateContextResult,
  type CreateSubmitResult,
  type InstanceView,
  type KeyResultSubmission,
  type ObjectivePicksResult,
  type Request,
  type StaleActionResult,
  type ViewResult,
  type WorkItemRef,
} from '../../lib/messages';

const ask = askBackground('Close and reopen the popup.');

export interface PopupBackend {
  instances(): Promise<InstanceView[]>;
  peekView(ref: WorkItemRef): Promise<ViewResult | null>;
  loadView(ref: WorkItemRef): Promise<ViewResult>;
  context(ref: WorkItemRef): Promise<CreateContextResult>;
  submit(ref: WorkItemRef, drafts: KeyResultSubmission[]): Promise<CreateSubmitResult>;
  objectives(): Promise<ObjectivePicksResult>;
  /** Saves a check-in on one OKR: the new stale report, or the problem to show. */
  checkIn(
    request: Omit<Extract<Request, { type: 'stale:checkIn' }>, 'type'>,
  ): Promise<StaleActionResult>;
  /**
   * Calls `listener` when the background says the views of an instance changed (a check-in, a
   * created key result, from this popup or elsewhere). Returns the unsubscribe.
   */
  onViewsChanged(origin: string, listener: () => void): () => void;
  openOptions(): void;
  /** Opens the quarter map page in a tab (`hash`: the map's state, lib/map-state.ts). */
  openMap(hash: string): void;
}

export const backend: PopupBackend = {
  instances: () => ask({ type: 'instances:list' }, InstanceViewSchema.array(), () => []),
  peekView: (ref) => ask({ type: 'view:peek', ref }, ViewResultSchema.nullable(), () => null),
  loadView: (ref) => ask({ type: 'view:load', ref }, ViewResultSchema, refused),
  context: (ref) => ask({ type: 'create:context', ref }, CreateContextResultSchema, refused),
  submit: (ref, drafts) =>
    ask({ type: 'create:submit', ref, drafts }, CreateSubmitResultSchema, refused),
  objectives: () => ask({ type: 'create:objectives' }, ObjectivePicksResultSchema, refused),
  checkIn: (request) =>
    ask({ type: 'stale:checkIn', ...request }, StaleActionResultSchema, refused),
  onViewsChanged(origin, listener) {
    const onPush = (message: unknown) => {
      const push = PushSchema.safeParse(message);
      if (push.success && push.data.origin === origin) listener();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onPush);
    return () => browser.runtime.onMessage.removeListener(onPush);
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
  openMap: (hash) =>
    void browser.tabs.create({ url: `${browser.runtime.getURL('/map.html')}${hash}` }),
};
