// The panel's proposal: on an item of a group nobody set up that is not an OKR as GitLab's OKR
// types read it, the background detects once and answers with the proposal; Confirm saves the
// group's choice, "Not now" (and "nothing found") keeps the group quiet for the session; a group
// already set up, or an item that is an OKR, is answered as before.
import { describe, expect, it, vi } from 'vitest';
import {
  cleanPath,
  withCarrierProposals,
  type CarrierPorts,
} from '../../../lib/background/carriers';
import { DEFAULT_EPIC_SETTINGS } from '../../../lib/gitlab/carriers/conventions';
import type { ViewResult, WorkItemRef } from '../../../lib/messages';
import type { CarrierProposal } from '../../../lib/services/detect-carrier';
import type { ViewService } from '../../../lib/services/okr-view';
import type { CarrierChoices, InstanceRecord } from '../../../lib/settings';

const BASE = 'https://gitlab.example.com';
const instance: InstanceRecord = { baseUrl: BASE, origin: BASE, addedAt: '2026-11-01' };
const ref = (fullPath: string, iid = '1'): WorkItemRef => ({
  origin: BASE,
  basePath: '',
  fullPath,
  iid,
  route: 'epic',
  namespaceKind: 'group',
});

const acme: CarrierProposal = {
  groupPath: 'acme',
  searchedPath: 'acme',
  found: true,
  settings: DEFAULT_EPIC_SETTINGS,
  figures: { objectives: 6, keyResults: 19, quarter: 'FY24-Q2' },
  summary: '6 objectives and 19 key results in acme for FY24-Q2.',
  details: ['Objectives: epics labelled okr:o.'],
  carrierWords: 'epics and labels',
};

const notAnOkr: ViewResult = { ok: false, problem: { kind: 'notAnOkr', message: 'Not an OKR.' } };

function setUp(options: { result?: ViewResult; proposal?: CarrierProposal } = {}) {
  let choices: CarrierChoices = {};
  const quiet = new Set<string>();
  const detect = vi.fn(async (): Promise<CarrierProposal> => options.proposal ?? acme);
  const ports: CarrierPorts = {
    instances: async () => [instance],
    choices: async () => choices,
    saveChoice: async (baseUrl, group, settings) => {
      choices = { ...choices, [baseUrl]: { ...choices[baseUrl], [group]: settings } };
    },
    detect,
    quiet: { has: async (key) => quiet.has(key), add: async (key) => void quiet.add(key) },
    onChoice: vi.fn(),
  };
  const service: ViewService = {
    peek: async () => null,
    load: vi.fn(async () => options.result ?? notAnOkr),
    prefetch: () => undefined,
  };
  const proposals = withCarrierProposals(service, ports);
  return { proposals, detect, ports, choices: () => choices, quiet };
}

describe('the panel’s carrier proposal', () => {
  it('asks "Use epics and labels for acme?" with what detection found', async () => {
    const { proposals, detect } = setUp();
    const answer = await proposals.views.load(ref('acme'));
    expect(answer).toEqual({
      ok: false,
      problem: {
        kind: 'carrierProposal',
        message:
          'OKR Lens found 6 objectives and 19 key results in acme for FY24-Q2. Use epics and labels for acme?',
        proposal: {
          group: 'acme',
          summary: acme.summary,
          carrierWords: 'epics and labels',
          details: acme.details,
        },
      },
    });
    // One detection per group: its issues in a project ask no more.
    await proposals.views.load(ref('acme/engineering', '4'));
    expect(detect).toHaveBeenCalledTimes(1);
  });

  it('Confirm saves the group’s choice; the group is then read that way, without a question', async () => {
    const { proposals, choices, ports, detect } = setUp();
    await proposals.views.load(ref('acme'));
    expect(await proposals.confirm(ref('acme'))).toEqual({ ok: true });
    expect(choices()).toEqual({ [BASE]: { acme: DEFAULT_EPIC_SETTINGS } });
    expect(ports.onChoice).toHaveBeenCalled();
    expect(await proposals.views.load(ref('acme'))).toEqual(notAnOkr);
    expect(detect).toHaveBeenCalledTimes(1);
  });

  it('"Not now" keeps the group quiet for the session', async () => {
    const { proposals, detect } = setUp();
    await proposals.dismiss(ref('acme'));
    expect(await proposals.views.load(ref('acme'))).toEqual(notAnOkr);
    expect(await proposals.views.load(ref('acme/engineering'))).toEqual(notAnOkr);
    expect(detect).not.toHaveBeenCalled();
  });

  it('a group where nothing is found is not asked about again this session', async () => {
    const nothing: CarrierProposal = {
      ...acme,
      groupPath: 'gitlab-org',
      found: false,
      settings: null,
      figures: null,
      summary: 'No OKRs found in gitlab-org: no OKR labels.',
    };
    const { proposals, quiet } = setUp({ proposal: nothing });
    expect(await proposals.views.load(ref('gitlab-org/gitlab'))).toEqual(notAnOkr);
    expect(quiet.has(`${BASE}|gitlab-org`)).toBe(true);
    expect(await proposals.confirm(ref('gitlab-org/gitlab'))).toMatchObject({ ok: false });
  });

  it('leaves views and other problems alone', async () => {
    const forbidden: ViewResult = {
      ok: false,
      problem: { kind: 'forbidden', message: 'No access.' },
    };
    const { proposals, detect } = setUp({ result: forbidden });
    expect(await proposals.views.load(ref('acme'))).toEqual(forbidden);
    expect(detect).not.toHaveBeenCalled();
  });

  it('reads what a person pastes as a group path', () => {
    expect(cleanPath(' https://gitlab.example.com/groups/acme/-/epics/3 ')).toBe('acme');
    expect(
      cleanPath('https://example.com/gitlab/acme/engineering/', {
        ...instance,
        baseUrl: 'https://example.com/gitlab',
        origin: 'https://example.com',
      }),
    ).toBe('acme/engineering');
    expect(cleanPath('/northwind/roadmap')).toBe('northwind/roadmap');
  });
});
