// What the background answers a content script and pushes to it: the content script checks these
// on every GitLab page, so they are shapes (./shape: zod's API, a small part of it) rather than
// zod schemas. They belong to the protocol in ./messages, which turns them into full zod for the
// background, the popup and the options page.
import * as z from './shape';
import { OkrViewSchema } from './view';

/** Kinds of failure the user is told about, each with its own sentence and action. */
export const ProblemKindSchema = z.enum([
  'noInstance',
  'noToken',
  'unauthorized',
  'tokenExpired',
  'insufficientScope',
  'forbidden',
  'notFound',
  'okrsUnavailable',
  'notAnOkr',
  'carrierProposal',
  'rateLimited',
  'timeout',
  'offline',
  'server',
  'malformed',
  'graphql',
  'limit',
  'queryRefused',
  'invalidRequest',
  'unknown',
]);
export type ProblemKind = z.infer<typeof ProblemKindSchema>;

export const ProblemSchema = z.object({
  kind: ProblemKindSchema,
  /** What happened and what to do, in a sentence for people. */
  message: z.string(),
  /** When GitLab asked us to wait (rate limit), in milliseconds. */
  retryAfterMs: z.number().optional(),
  /** A link that fixes it, e.g. the options page or GitLab's token page. */
  action: z.object({ label: z.string(), url: z.string() }).optional(),
  /**
   * `carrierProposal`: the item's group is not set up and detection found OKRs kept another way
   * (lib/services/detect-carrier.ts); the panel asks whether to read them so.
   */
  proposal: z
    .object({
      /** The top-level group the choice is for. */
      group: z.string(),
      /** "6 objectives and 19 key results in acme for FY24-Q2." */
      summary: z.string(),
      /** "epics and labels": what the question names. */
      carrierWords: z.string(),
      /** How they are read, a line each. */
      details: z.array(z.string()),
    })
    .optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ViewResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: OkrViewSchema, source: z.enum(['cache', 'network']) }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type ViewResult = z.infer<typeof ViewResultSchema>;

/** Messages the background sends to content scripts and to its own pages (the popup). */
export const PushSchema = z.discriminatedUnion('type', [
  /** Something changed in GitLab through the extension (a key result created, a check-in). */
  z.object({ type: z.literal('view:invalidated'), origin: z.string() }),
]);
export type Push = z.infer<typeof PushSchema>;
