// The popup's views, rendered to markup: what a user reads for each state of a draft and of the
// form (errors only after a first try, outcomes with their links and retries, the create button),
// and on a key result's page its check-in and where new key results go.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { CreateSection, type CreateSectionProps } from '../../../components/popup/CreateSection';
import { ObjectivePicker } from '../../../components/popup/ObjectivePicker';
import { KeyResultCheckIn, NewKeyResultsOffer } from '../../../components/popup/KeyResultPage';
import { keyResultView, step } from './sample-views';
import type { CreateContext, KeyResultOutcome } from '../../../lib/messages';
import { newDraft } from '../../../lib/services/drafts';

const context: CreateContext = {
  parent: {
    id: 'gid://gitlab/WorkItem/70',
    reference: 'okrs/eng#7',
    url: 'https://gitlab.example.com/okrs/eng/-/work_items/7',
    title: 'Ship a calmer on-call',
    kind: 'objective',
    state: 'opened',
    milestone: { id: 'gid://gitlab/Milestone/3', title: 'FY27-Q4', startDate: null, dueDate: null },
    children: [],
    childrenIncomplete: false,
  },
  members: [{ id: 'gid://gitlab/User/1', username: 'ada', name: 'Ada Lovelace' }],
  milestones: [
    {
      id: 'gid://gitlab/Milestone/3',
      title: 'FY27-Q4',
      startDate: null,
      dueDate: null,
      scope: 'project',
    },
    {
      id: 'gid://gitlab/Milestone/9',
      title: 'FY27-Q4',
      startDate: null,
      dueDate: null,
      scope: 'group',
    },
  ],
  me: 'ada',
};

const noop = () => undefined;

function section(overrides: Partial<CreateSectionProps> = {}): string {
  const draft = { ...newDraft('d1'), title: '' };
  return renderToStaticMarkup(
    <CreateSection
      context={context}
      drafts={[draft]}
      errors={{ d1: { title: 'A key result needs a title.' } }}
      showErrors={false}
      draftWarnings={{}}
      parentWarnings={[]}
      outcomes={{}}
      previews={{ d1: '### Overview\n' }}
      created={[]}
      submitting={false}
      batchProblem={null}
      onChange={noop}
      onAdd={noop}
      onRemove={noop}
      onCreate={noop}
      onRetry={noop}
      onOpenOptions={noop}
      {...overrides}
    />,
  );
}

describe('the create form', () => {
  it('keeps mistakes quiet until the user tries to create', () => {
    expect(section()).not.toContain('A key result needs a title.');
    expect(section({ showErrors: true })).toContain('A key result needs a title.');
  });

  it('offers the objective’s milestone first and tells same-titled milestones apart', () => {
    const html = section();
    expect(html).toContain('FY27-Q4 (objective’s)');
    expect(html).toContain('FY27-Q4 (group)');
  });

  it('shows a created item whose values failed with its link and a retry of that step only', () => {
    const outcome: KeyResultOutcome = {
      localId: 'd1',
      state: 'progressFailed',
      item: {
        id: 'gid://gitlab/WorkItem/101',
        reference: 'okrs/eng#101',
        url: 'https://gitlab.example.com/okrs/eng/-/work_items/101',
        title: 'Cut pages to 10',
      },
      problem: {
        kind: 'server',
        message: 'The key result was created, but its values were not set.',
      },
    };
    const html = section({ outcomes: { d1: outcome } });
    expect(html).toContain('href="https://gitlab.example.com/okrs/eng/-/work_items/101"');
    expect(html).toContain('Retry setting the values');
    // The title is fixed: a retry finds the item by it.
    expect(html).toMatch(/<input[^>]*disabled=""[^>]*value=""/);
  });

  it('says an unclear create will be checked before it is retried', () => {
    const html = section({
      outcomes: {
        d1: {
          localId: 'd1',
          state: 'unclear',
          problem: { kind: 'timeout', message: 'GitLab did not answer in time.' },
        },
      },
    });
    expect(html).toContain('Not sure it was created');
    expect(html).toContain('Retry (checks first)');
  });

  it('names how many key results the button creates, and is busy while sending', () => {
    const two = [newDraft('a'), newDraft('b')];
    expect(section({ drafts: two })).toContain('Create 2 key results');
    expect(section({ submitting: true })).toMatch(/disabled=""[^>]*aria-busy="true"/);
  });

  it('links the created key results', () => {
    const html = section({
      drafts: [],
      created: [
        {
          id: 'gid://gitlab/WorkItem/101',
          reference: 'okrs/eng#101',
          url: 'https://gitlab.example.com/okrs/eng/-/work_items/101',
          title: 'Cut pages to 10',
          recovered: true,
        },
      ],
    });
    expect(html).toContain('okrs/eng#101');
    expect(html).toContain('not created twice');
    expect(html).not.toContain('Create key result');
  });

  it('puts a batch problem that the options fix next to the button that opens them', () => {
    const html = section({
      batchProblem: {
        kind: 'insufficientScope',
        message: 'This token can only read (read_api scope).',
      },
    });
    expect(html).toContain('This token can only read');
    expect(html).toContain('Update the token');
  });
});

describe('the objective picker', () => {
  it('lists the user’s objectives with where they come from', () => {
    const html = renderToStaticMarkup(
      <ObjectivePicker
        reason="This tab is not a GitLab page."
        picks={[
          {
            url: 'https://gitlab.example.com/o/-/work_items/1',
            reference: 'o#1',
            title: 'Grow',
            source: 'assigned',
          },
        ]}
        problem={null}
        pasteError={null}
        onPick={noop}
        onOpenOptions={noop}
      />,
    );
    expect(html).toContain('This tab is not a GitLab page.');
    expect(html).toContain('Grow');
    expect(html).toContain('you are the DRI');
  });
});

describe('on a key result’s page', () => {
  const checkIn = async () => null;

  it('opens with the key result’s own check-in, its values filled in and why it is due', () => {
    const { item } = keyResultView();
    const html = renderToStaticMarkup(<KeyResultCheckIn item={item} onCheckIn={checkIn} />);
    expect(html).toContain(`aria-label="Check in: ${item.title}"`);
    expect(html).toContain(item.stale.reason);
    // Start 120 → target 200: the value in its own units, now 153; health as GitLab holds it.
    expect(html).toContain('Current value');
    expect(html).toContain('value="153"');
    expect(html).toContain('checked="" value="needsAttention"');
    // Always open: nothing to cancel, and no error box.
    expect(html).not.toContain('Cancel');
    expect(html).not.toContain('cannot have children');
  });

  it('has no check-in on a closed key result', () => {
    const { item } = keyResultView();
    const html = renderToStaticMarkup(
      <KeyResultCheckIn item={{ ...item, state: 'closed' }} onCheckIn={checkIn} />,
    );
    expect(html).toContain('Closed: no check-in needed.');
    expect(html).not.toContain('<form');
  });

  it('offers new key results under its objective, or a way to pick one', () => {
    const objective = step({ title: 'Ship OKR Lens to every team', type: 'objective' });
    expect(
      renderToStaticMarkup(
        <NewKeyResultsOffer parent={objective} onOpenObjective={noop} onPickObjective={noop} />,
      ),
    ).toContain('Add key results to “Ship OKR Lens to every team”');
    expect(
      renderToStaticMarkup(
        <NewKeyResultsOffer parent={undefined} onOpenObjective={noop} onPickObjective={noop} />,
      ),
    ).toContain('Pick an objective');
  });
});

describe('under an objective epic', () => {
  const epicContext: CreateContext = {
    ...context,
    destination: {
      kind: 'project',
      projects: [
        { fullPath: 'acme/engineering', name: 'Engineering' },
        { fullPath: 'acme/platform', name: 'Platform' },
      ],
      chosen: 'acme/engineering',
      labels: ['okr:kr', 'okrq:FY24-Q2'],
      missingLabels: [],
      fields: { start: 'Start', current: 'Current', target: 'Target' },
    },
  };

  it('asks for the project, and says the labels and fields each key result gets', () => {
    const html = section({ context: epicContext, project: 'acme/engineering' }).replace(
      /<!-- -->/g,
      '',
    );
    expect(html).toContain('Pick a project…');
    expect(html).toMatch(
      /<option value="acme\/engineering" selected="">Engineering \(acme\/engineering\)/,
    );
    expect(html.replace(/<\/?span>/g, '')).toContain(
      'labelled <code>okr:kr</code> and <code>okrq:FY24-Q2</code>.',
    );
    expect(html).toContain('go in the custom fields Start, Current and Target');
    expect(html).toContain('scored by how far current has come from start to target');
  });

  it('says what it cannot do: a missing label, values with nowhere to go, no project yet', () => {
    const html = section({
      context: {
        ...epicContext,
        destination: {
          ...epicContext.destination!,
          labels: ['okr:kr'],
          missingLabels: ['okrq:FY25-Q1'],
          fields: {},
          valuesUnavailable: 'acme has no number field named “Start”.',
        },
      },
      project: null,
      projectError: 'Pick the project the key results go in.',
    });
    expect(html).toContain('This group has no label okrq:FY25-Q1: it is not set.');
    expect(html).toContain(
      'acme has no number field named “Start”. Leave start, current and target empty.',
    );
    expect(html).toContain('Pick the project the key results go in.');
  });
});

describe('checking in a key result kept in custom fields', () => {
  it('edits its Current field, from its start to its target', () => {
    const item = {
      ...keyResultView().item,
      progress: null,
      customValues: {
        start: 40,
        current: 30,
        target: 10,
        fields: {
          start: { id: 'gid://gitlab/Issuables::CustomField/1', name: 'Start' },
          current: { id: 'gid://gitlab/Issuables::CustomField/2', name: 'Current' },
          target: { id: 'gid://gitlab/Issuables::CustomField/3', name: 'Target' },
        },
      },
    };
    const html = renderToStaticMarkup(
      <KeyResultCheckIn item={item} onCheckIn={async () => null} />,
    );
    expect(html).toMatch(
      /<span>Current<span class="okr-stale__hint"> \(custom field, from 40 to 10\)<\/span><\/span><input type="number"[^>]*step="any"[^>]*value="30"/,
    );
  });
});
