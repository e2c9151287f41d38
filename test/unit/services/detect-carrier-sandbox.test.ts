// Carrier detection against the sandbox's seed, over HTTP: the native group, the epics-and-labels
// group, the custom-type project, and a group with no OKRs, each in at most two requests; and the sandbox's
// `Group.labels` search as GitLab's LabelsFinder answers it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { classify } from '../../../lib/gitlab/carriers/conventions';
import { detectCarrier } from '../../../lib/services/detect-carrier';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: '2026-11-21T10:00:00.000Z' });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function detect(path: string) {
  const client = createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api });
  sandbox.clearRequests();
  const proposal = await detectCarrier({ client }, path);
  return { proposal, requests: sandbox.requests().length };
}

describe('detection on the sandbox', () => {
  it('proposes GitLab’s OKR types for gitlab-com, in one request', async () => {
    const { proposal, requests } = await detect('gitlab-com');
    expect(proposal.settings?.carrier).toBe('workItemTypes');
    expect(proposal.summary).toMatch(/^\d+ objectives and \d+ key results in gitlab-com\.$/);
    expect(requests).toBe(1);
  });

  it('proposes epics and labels for acme, from its project too, with the quarter label', async () => {
    for (const path of ['acme', 'acme/engineering']) {
      const { proposal, requests } = await detect(path);
      expect(proposal.groupPath).toBe('acme');
      expect(proposal.settings).toMatchObject({
        carrier: 'epics',
        objectiveEpics: 'labelled',
        objectiveLabels: [['okr:o']],
        keyResultLabels: [['okr:kr']],
        quarter: { source: 'label', labelPattern: 'okrq:{quarter}' },
      });
      expect(proposal.summary).toMatch(
        /^6 objectives and \d+ key results in acme for FY\d\d-Q\d\.$/,
      );
      expect(requests).toBe(2);
      const epic = sandbox.item('acme-objective-1');
      expect(classify({ typeName: 'Epic', labels: ['okr:o'] }, proposal.settings!)).toBe(
        'objective',
      );
      expect(epic.fullPath).toBe('acme');
    }
  });

  it('finds northwind/roadmap’s custom "Key result" type under epics labelled OKR and Objective', async () => {
    for (const path of ['northwind/roadmap', 'northwind']) {
      const { proposal, requests } = await detect(path);
      expect(proposal.groupPath).toBe('northwind');
      expect(proposal.settings).toMatchObject({
        carrier: 'epics',
        objectiveLabels: [['OKR', 'Objective']],
        keyResultTypeNames: ['Key result'],
        quarter: { source: 'milestone' },
      });
      expect(proposal.carrierWords).toBe('epics and Key result items');
      expect(proposal.summary).toMatch(/^\d+ objectives? and \d+ key results? in northwind\.$/);
      expect(requests).toBe(2);
    }
  });

  it('says plainly that gitlab-org holds no OKRs', async () => {
    const { proposal, requests } = await detect('gitlab-org');
    expect(proposal.found).toBe(false);
    expect(proposal.summary).toBe(
      'No OKRs found in gitlab-org: no Objective or Key Result items, no OKR labels, no labelled epics.',
    );
    expect(requests).toBeLessThanOrEqual(2);
  });

  it('searches a group’s labels as GitLab does: any case, anywhere in the title, sorted', async () => {
    const response = await fetch(`${sandbox.url}/api/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${sandbox.tokens.api}`,
      },
      body: JSON.stringify({
        query: `query { group(fullPath: "acme") {
          okr: labels(searchTerm: "OKR", searchIn: [TITLE], includeDescendantGroups: true) { count nodes { title } }
          short: labels(searchTerm: "o", searchIn: [TITLE]) { count }
        } }`,
      }),
    });
    const { data } = (await response.json()) as {
      data: {
        group: { okr: { count: number; nodes: { title: string }[] }; short: { count: number } };
      };
    };
    const titles = data.group.okr.nodes.map((label) => label.title);
    expect(titles.slice(0, 2)).toEqual(['okr:kr', 'okr:o']);
    expect(titles.filter((title) => title.startsWith('okrq:'))).toHaveLength(2);
    // A term under three characters must equal a title.
    expect(data.group.short.count).toBe(0);
  });
});
