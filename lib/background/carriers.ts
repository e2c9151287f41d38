// Background feature: how a group keeps its OKRs. The options page asks for detection; the
// panel, on an item of a group nobody set up that does not read as an OKR, gets the proposal
// instead of silence ("OKR Lens found … Use epics and labels for acme?"), and confirms it or
// says "Not now" (remembered for the browser session, so the card does not come back on every
// page). A wrapper around the view service: the view itself is built elsewhere.
import { basePathOf, instanceForRef } from '../instances';
import type { Problem, ViewResult, WorkItemRef } from '../messages';
import type { CarrierSettings } from '../gitlab/carriers/conventions';
import type { CarrierProposal } from '../services/detect-carrier';
import { topLevelGroupOf } from '../services/detect-carrier';
import { problemOf } from '../services/problems';
import type { ViewService } from '../services/okr-view';
import type { CarrierChoices, InstanceRecord } from '../settings';
import {
  extensionPagesOnly,
  refused,
  type Handlers,
  type Sender,
  type SenderPolicy,
} from './router';

export interface CarrierPorts {
  instances(): Promise<InstanceRecord[]>;
  choices(): Promise<CarrierChoices>;
  saveChoice(baseUrl: string, group: string, settings: CarrierSettings): Promise<void>;
  /** Detection on the instance (throws a problem, e.g. no token). */
  detect(instance: InstanceRecord, fullPath: string): Promise<CarrierProposal>;
  /** Groups whose proposal was answered "Not now" or found nothing, for this browser session. */
  quiet: { has(key: string): Promise<boolean>; add(key: string): Promise<void> };
  /** After a choice: cached views were read the old way. */
  onChoice?(): void;
}

function groupKey(baseUrl: string, group: string): string {
  return `${baseUrl}|${group}`;
}

/** Whether anybody chose a carrier for this group (or for the whole instance). */
export function isConfigured(choices: CarrierChoices, baseUrl: string, fullPath: string): boolean {
  const instance = choices[baseUrl] ?? {};
  return Boolean(instance[topLevelGroupOf(fullPath)] ?? instance['*']);
}

/** The panel's question, as a problem of its own kind that carries the proposal. */
export function proposalProblem(proposal: CarrierProposal): Problem {
  return {
    kind: 'carrierProposal',
    message: `OKR Lens found ${proposal.summary.replace(/\.$/, '')}. Use ${proposal.carrierWords} for ${proposal.groupPath}?`,
    proposal: {
      group: proposal.groupPath,
      summary: proposal.summary,
      carrierWords: proposal.carrierWords,
      details: proposal.details,
    },
  };
}

export interface CarrierProposals {
  /** The view service, with a proposal where an unconfigured group's item is not an OKR. */
  views: ViewService;
  confirm(ref: WorkItemRef): Promise<{ ok: true } | { ok: false; problem: Problem }>;
  dismiss(ref: WorkItemRef): Promise<{ ok: true }>;
}

export function withCarrierProposals(service: ViewService, ports: CarrierPorts): CarrierProposals {
  /** One detection per group while the background runs; a failed one is asked again. */
  const detections = new Map<string, Promise<CarrierProposal | null>>();

  function detectOnce(instance: InstanceRecord, ref: WorkItemRef) {
    const key = groupKey(instance.baseUrl, topLevelGroupOf(ref.fullPath));
    let detection = detections.get(key);
    if (!detection) {
      detection = ports.detect(instance, ref.fullPath).catch(() => {
        detections.delete(key);
        return null;
      });
      detections.set(key, detection);
    }
    return detection;
  }

  async function proposalFor(ref: WorkItemRef): Promise<CarrierProposal | null> {
    const instance = instanceForRef(await ports.instances(), ref);
    if (!instance) return null;
    if (isConfigured(await ports.choices(), instance.baseUrl, ref.fullPath)) return null;
    const key = groupKey(instance.baseUrl, topLevelGroupOf(ref.fullPath));
    if (await ports.quiet.has(key)) return null;
    const proposal = await detectOnce(instance, ref);
    if (proposal && !proposal.found) await ports.quiet.add(key);
    return proposal?.found ? proposal : null;
  }

  async function load(ref: WorkItemRef): Promise<ViewResult> {
    const result = await service.load(ref);
    if (result.ok || result.problem.kind !== 'notAnOkr') return result;
    const proposal = await proposalFor(ref).catch(() => null);
    return proposal ? { ok: false, problem: proposalProblem(proposal) } : result;
  }

  return {
    views: { ...service, load },
    async confirm(ref) {
      const instance = instanceForRef(await ports.instances(), ref);
      const proposal = instance ? await detectOnce(instance, ref) : null;
      if (!instance || !proposal?.found || !proposal.settings)
        return refused('There is no proposal to confirm for this group. Reload the page.');
      await ports.saveChoice(instance.baseUrl, proposal.groupPath, proposal.settings);
      ports.onChoice?.();
      return { ok: true };
    },
    async dismiss(ref) {
      const instance = instanceForRef(await ports.instances(), ref);
      if (instance)
        await ports.quiet.add(groupKey(instance.baseUrl, topLevelGroupOf(ref.fullPath)));
      return { ok: true };
    },
  };
}

/** A content script may only speak for items of its own tab's instance. */
function ownInstance(sender: Sender, ref: WorkItemRef): boolean {
  if (!sender.tab) return true;
  try {
    return Boolean(sender.url) && new URL(sender.url ?? '').origin === ref.origin;
  } catch {
    return false;
  }
}

export function carrierHandlers(
  proposals: CarrierProposals,
  ports: Pick<CarrierPorts, 'instances' | 'detect'>,
  policy: SenderPolicy,
): Handlers {
  const denied = () =>
    Promise.resolve(refused('A page may only ask about its own GitLab instance.'));
  return {
    'carrier:detect': extensionPagesOnly(policy, async (request) => {
      const instance = (await ports.instances()).find((i) => i.baseUrl === request.baseUrl);
      if (!instance) return refused(`${request.baseUrl} is not set up in OKR Lens.`);
      try {
        return {
          ok: true,
          proposal: await ports.detect(instance, cleanPath(request.path, instance)),
        };
      } catch (error) {
        return { ok: false, problem: problemOf(error) };
      }
    }),
    'carrier:confirm': (request, sender) =>
      ownInstance(sender, request.ref) ? proposals.confirm(request.ref) : denied(),
    'carrier:dismiss': (request, sender) =>
      ownInstance(sender, request.ref) ? proposals.dismiss(request.ref) : denied(),
  };
}

/** `https://gitlab.com/acme/`, `/acme` or `acme` → `acme`: what a person pastes into the field. */
export function cleanPath(text: string, instance?: InstanceRecord): string {
  let path = text.trim();
  try {
    const url = new URL(path);
    path = url.pathname;
    const base = instance ? basePathOf(instance) : '';
    if (base && path.startsWith(base)) path = path.slice(base.length);
  } catch {
    // Not a URL: a path as typed.
  }
  return path
    .replace(/\/-\/.*$/, '')
    .replace(/^\/*(groups\/)?/, '')
    .replace(/\/+$/, '');
}
