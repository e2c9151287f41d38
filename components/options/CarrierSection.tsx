// "Where your OKRs live": per instance, how each top-level group keeps its OKRs (GitLab's OKR
// types, or epics and labelled issues, or a custom "Key result" type), and the instance's default
// for the other groups. "Detect" looks at a group and proposes what it found; nothing is saved
// before the person confirms. Each choice can be edited (the conventions are offered as the
// starting point) or removed.
import { useId, useState, type FormEvent } from 'react';
import {
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
  type CarrierSettings,
} from '../../lib/gitlab/carriers/conventions';
import type { CarrierProposalMessage, DetectResult, InstanceView } from '../../lib/messages';
import type { CarrierChoices } from '../../lib/settings';
import {
  carrierName,
  formOf,
  readCarrierForm,
  settingsLine,
  type CarrierForm,
} from './carrier-words';

export interface CarrierSectionProps {
  instances: InstanceView[] | null;
  choices: CarrierChoices | null;
  onChoicesChange: (choices: CarrierChoices) => void;
  onDetect: (baseUrl: string, path: string) => Promise<DetectResult>;
}

/** The instance's default, for groups nobody chose. */
const OTHER_GROUPS = '*';

export function CarrierSection({
  instances,
  choices,
  onChoicesChange,
  onDetect,
}: CarrierSectionProps) {
  const headingId = useId();
  const save = (baseUrl: string, group: string, settings: CarrierSettings | null) => {
    const current = choices ?? {};
    const groups = { ...current[baseUrl] };
    if (settings) groups[group] = settings;
    else delete groups[group];
    const next = { ...current, [baseUrl]: groups };
    if (!Object.keys(groups).length) delete next[baseUrl];
    onChoicesChange(next);
  };
  return (
    <section className="opt-section" aria-labelledby={headingId} data-testid="carrier-settings">
      <h2 id={headingId}>Where your OKRs live</h2>
      <p className="opt-muted opt-intro">
        GitLab keeps OKRs as its Objective and Key Result work item types, or as epics and labelled
        issues (key results may also be a custom “Key result” type). Choose per top-level group. A
        group nobody chose is read with GitLab’s OKR types; its epics and issues offer what
        detection finds there.
      </p>
      {instances === null || choices === null ? (
        <p className="opt-muted">Loading…</p>
      ) : instances.length === 0 ? (
        <p className="opt-muted">Add a GitLab instance above to choose where its OKRs live.</p>
      ) : (
        <ul className="opt-carrier-instances">
          {instances.map((instance) => (
            <InstanceCarriers
              key={instance.baseUrl}
              instance={instance}
              groups={choices[instance.baseUrl] ?? {}}
              onSave={(group, settings) => save(instance.baseUrl, group, settings)}
              onDetect={(path) => onDetect(instance.baseUrl, path)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function InstanceCarriers({
  instance,
  groups,
  onSave,
  onDetect,
}: {
  instance: InstanceView;
  groups: Record<string, CarrierSettings>;
  onSave: (group: string, settings: CarrierSettings | null) => void;
  onDetect: (path: string) => Promise<DetectResult>;
}) {
  const [editing, setEditing] = useState<{ group: string; settings: CarrierSettings } | null>(null);
  const named = Object.keys(groups)
    .filter((group) => group !== OTHER_GROUPS)
    .sort();
  const other = groups[OTHER_GROUPS];
  const edit = (group: string, settings: CarrierSettings) => setEditing({ group, settings });
  return (
    <li
      className="opt-carrier-instance"
      data-testid="carrier-instance"
      data-base-url={instance.baseUrl}
    >
      <h3 className="opt-carrier-instance-url">
        <bdi>{instance.baseUrl}</bdi>
      </h3>
      <ul className="opt-list" data-testid="carrier-choices">
        {named.map((group) => (
          <ChoiceRow
            key={group}
            group={group}
            title={<bdi className="opt-break">{group}</bdi>}
            settings={groups[group]!}
            onEdit={() => edit(group, groups[group]!)}
            onRemove={() => onSave(group, null)}
          />
        ))}
        <ChoiceRow
          group={OTHER_GROUPS}
          title={named.length ? 'Other groups' : 'All groups'}
          settings={other ?? DEFAULT_CARRIER_SETTINGS}
          isDefault={!other}
          onEdit={() => edit(OTHER_GROUPS, other ?? DEFAULT_CARRIER_SETTINGS)}
          onRemove={other ? () => onSave(OTHER_GROUPS, null) : undefined}
        />
      </ul>
      {editing ? (
        <CarrierEditor
          group={editing.group}
          initial={editing.settings}
          onCancel={() => setEditing(null)}
          onSave={(settings) => {
            onSave(editing.group, settings);
            setEditing(null);
          }}
        />
      ) : (
        <DetectForm
          hasToken={instance.hasToken}
          onDetect={onDetect}
          onUse={(proposal) => onSave(proposal.groupPath, proposal.settings)}
          onEdit={(proposal) => proposal.settings && edit(proposal.groupPath, proposal.settings)}
        />
      )}
    </li>
  );
}

function ChoiceRow({
  group,
  title,
  settings,
  isDefault = false,
  onEdit,
  onRemove,
}: {
  group: string;
  title: React.ReactNode;
  settings: CarrierSettings;
  isDefault?: boolean;
  onEdit: () => void;
  onRemove?: () => void;
}) {
  const name = group === OTHER_GROUPS ? 'other groups' : group;
  return (
    <li
      className="opt-list-entry opt-carrier-choice"
      data-testid="carrier-choice"
      data-group={group}
    >
      <span className="opt-list-text">
        <strong>{title}</strong>{' '}
        <span className="opt-muted">
          · {carrierName(settings)}
          {isDefault ? ' (default)' : ''}
        </span>
        <span className="opt-carrier-line opt-small opt-muted">{settingsLine(settings)}</span>
      </span>
      <span className="opt-carrier-buttons">
        <button type="button" className="ext-button ext-button--small" onClick={onEdit}>
          Edit<span className="opt-sr-only"> {name}</span>
        </button>
        {onRemove && (
          <button type="button" className="ext-button ext-button--small" onClick={onRemove}>
            Remove<span className="opt-sr-only"> {name}</span>
          </button>
        )}
      </span>
    </li>
  );
}

type Detection =
  | { state: 'idle' }
  | { state: 'running'; path: string }
  | { state: 'done'; proposal: CarrierProposalMessage }
  | { state: 'failed'; message: string };

function DetectForm({
  hasToken,
  onDetect,
  onUse,
  onEdit,
}: {
  hasToken: boolean;
  onDetect: (path: string) => Promise<DetectResult>;
  onUse: (proposal: CarrierProposalMessage) => void;
  onEdit: (proposal: CarrierProposalMessage) => void;
}) {
  const inputId = useId();
  const hintId = useId();
  const [path, setPath] = useState('');
  const [detection, setDetection] = useState<Detection>({ state: 'idle' });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const asked = path.trim();
    if (!asked) {
      setDetection({ state: 'failed', message: 'Enter a group or project path, e.g. acme.' });
      return;
    }
    setDetection({ state: 'running', path: asked });
    onDetect(asked).then(
      (result) =>
        setDetection(
          result.ok
            ? { state: 'done', proposal: result.proposal }
            : { state: 'failed', message: result.problem.message },
        ),
      () =>
        setDetection({
          state: 'failed',
          message: 'OKR Lens could not ask GitLab. Reload this page and try again.',
        }),
    );
  };
  const done = () => {
    setDetection({ state: 'idle' });
    setPath('');
  };
  return (
    <div className="opt-carrier-detect">
      <form className="opt-add" onSubmit={submit} noValidate>
        <div className="opt-field">
          <label htmlFor={inputId}>Detect how a group keeps its OKRs</label>
          <div className="opt-add-row">
            <input
              id={inputId}
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder="acme or acme/roadmap"
              value={path}
              aria-describedby={hintId}
              disabled={!hasToken}
              onChange={(event) => setPath(event.target.value)}
            />
            <button
              type="submit"
              className="ext-button"
              disabled={!hasToken || detection.state === 'running'}
              data-testid="carrier-detect"
            >
              {detection.state === 'running' ? 'Detecting…' : 'Detect'}
            </button>
          </div>
          <p id={hintId} className="opt-hint">
            {hasToken
              ? 'A group, or a project whose own types it uses. OKR Lens looks at its types, labels and a few epics.'
              : 'Add a token for this instance to detect its groups.'}
          </p>
        </div>
      </form>
      {detection.state === 'failed' && (
        <p className="opt-error" role="alert">
          {detection.message}
        </p>
      )}
      {detection.state === 'done' && (
        <ProposalResult
          proposal={detection.proposal}
          onUse={() => {
            onUse(detection.proposal);
            done();
          }}
          onEdit={() => {
            onEdit(detection.proposal);
            done();
          }}
          onCancel={done}
        />
      )}
    </div>
  );
}

function ProposalResult({
  proposal,
  onUse,
  onEdit,
  onCancel,
}: {
  proposal: CarrierProposalMessage;
  onUse: () => void;
  onEdit: () => void;
  onCancel: () => void;
}) {
  if (!proposal.found || !proposal.settings) {
    return (
      <div
        className="opt-result opt-carrier-proposal"
        role="status"
        data-testid="carrier-proposal"
        data-found="false"
      >
        <p>
          <bdi>{proposal.summary}</bdi>
        </p>
        <p className="opt-muted opt-small">
          Its items are read with GitLab’s OKR types until you choose otherwise (Edit above).
        </p>
      </div>
    );
  }
  return (
    <div
      className="opt-result opt-result--ok opt-carrier-proposal"
      role="status"
      data-testid="carrier-proposal"
      data-found="true"
      data-carrier={proposal.settings.carrier}
    >
      <p className="opt-result-title">
        Found <bdi>{proposal.summary.replace(/\.$/, '')}</bdi>.
      </p>
      <ul className="opt-carrier-details">
        {proposal.details.map((line) => (
          <li key={line}>
            <bdi>{line}</bdi>
          </li>
        ))}
      </ul>
      <div className="opt-actions">
        <button
          type="button"
          className="ext-button ext-button--primary"
          onClick={onUse}
          data-testid="carrier-use"
        >
          Use {proposal.carrierWords} for <bdi>{proposal.groupPath}</bdi>
        </button>
        <button type="button" className="ext-button" onClick={onEdit}>
          Edit first
        </button>
        <button type="button" className="ext-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function CarrierEditor({
  group,
  initial,
  onSave,
  onCancel,
}: {
  group: string;
  initial: CarrierSettings;
  onSave: (settings: CarrierSettings) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<CarrierForm>(() => formOf(initial));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const set = <K extends keyof CarrierForm>(key: K, value: CarrierForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setError(null);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reading = readCarrierForm(form);
    if (reading.ok) onSave(reading.value);
    else setError(reading.error);
  };
  const epics = form.carrier === 'epics';
  const text = (key: keyof CarrierForm, label: string, hint?: string, multiline = false) => (
    <div className="opt-field opt-carrier-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {multiline ? (
        <textarea
          id={`${id}-${key}`}
          rows={3}
          spellCheck={false}
          value={form[key]}
          onChange={(event) => set(key, event.target.value)}
        />
      ) : (
        <input
          id={`${id}-${key}`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={form[key]}
          onChange={(event) => set(key, event.target.value)}
        />
      )}
      {hint && <p className="opt-hint">{hint}</p>}
    </div>
  );
  return (
    <form className="opt-carrier-editor" onSubmit={submit} noValidate data-testid="carrier-editor">
      <h4>{group === OTHER_GROUPS ? 'Other groups' : <bdi>{group}</bdi>}</h4>
      <fieldset className="opt-carrier-choice-radios">
        <legend>OKRs are</legend>
        {(['workItemTypes', 'epics'] as const).map((carrier) => (
          <label key={carrier} className="opt-radio">
            <input
              type="radio"
              name={`${id}-carrier`}
              checked={form.carrier === carrier}
              onChange={() => set('carrier', carrier)}
            />
            {carrier === 'epics'
              ? 'Epics and labelled issues (or a custom “Key result” type)'
              : 'GitLab’s Objective and Key Result work item types (or custom types of those names)'}
          </label>
        ))}
      </fieldset>
      {epics && (
        <fieldset>
          <legend>Objectives</legend>
          <label className="opt-radio">
            <input
              type="radio"
              name={`${id}-epics`}
              checked={form.objectiveEpics === 'labelled'}
              onChange={() => set('objectiveEpics', 'labelled')}
            />
            Epics with an objective label
          </label>
          <label className="opt-radio">
            <input
              type="radio"
              name={`${id}-epics`}
              checked={form.objectiveEpics === 'all'}
              onChange={() => set('objectiveEpics', 'all')}
            />
            Every epic
          </label>
          {form.objectiveEpics === 'labelled' &&
            text(
              'objectiveLabels',
              'Objective labels',
              'One set per line; an epic carrying every label of a set is an objective, e.g. okr:o, or OKR, Objective.',
              true,
            )}
        </fieldset>
      )}
      {epics &&
        text(
          'keyResultLabels',
          'Key result labels',
          'One set per line, e.g. okr:kr, or OKR, Key Result. Issues under an objective epic are key results too.',
          true,
        )}
      {text('objectiveTypeNames', 'Objective type names', 'Separated by commas.')}
      {text(
        'keyResultTypeNames',
        'Key result type names',
        'Separated by commas, e.g. Key Result, or a custom type such as Key result.',
      )}
      <div className="opt-field opt-carrier-field">
        <label htmlFor={`${id}-quarter`}>Quarter from</label>
        <select
          id={`${id}-quarter`}
          value={form.quarterSource}
          onChange={(event) =>
            set('quarterSource', event.target.value as CarrierForm['quarterSource'])
          }
        >
          <option value="milestone">The milestone</option>
          <option value="label">A quarter label</option>
          <option value="dates">The start and due dates</option>
        </select>
      </div>
      {form.quarterSource === 'label' &&
        text(
          'quarterLabelPattern',
          'Quarter label',
          '{quarter} stands for the quarter’s title, e.g. okrq:{quarter}.',
        )}
      <fieldset>
        <legend>Custom number fields</legend>
        <div className="opt-carrier-fields">
          {text('fieldStart', 'Start')}
          {text('fieldCurrent', 'Current')}
          {text('fieldTarget', 'Target')}
        </div>
        <p className="opt-hint">Names separated by commas; the first the item has is read.</p>
      </fieldset>
      {error && (
        <p className="opt-error" role="alert">
          {error}
        </p>
      )}
      <div className="opt-actions">
        <button type="submit" className="ext-button ext-button--primary" data-testid="carrier-save">
          Save
        </button>
        <button
          type="button"
          className="ext-button"
          onClick={() =>
            setForm(
              formOf(form.carrier === 'epics' ? DEFAULT_EPIC_SETTINGS : DEFAULT_CARRIER_SETTINGS),
            )
          }
        >
          Use the conventions
        </button>
        <button type="button" className="ext-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
