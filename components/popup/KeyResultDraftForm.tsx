// One key result draft: title, DRI, milestone, due date, health, start / current / target with a
// unit, the handbook-shaped description, the handbook's warnings as it is typed, and what
// happened when it was sent.
import { useId } from 'react';
import type { CreateContext, KeyResultOutcome, MilestoneOption } from '../../lib/messages';
import { FIRST_HEALTH, type DraftErrors } from '../../lib/services/drafts';
import type { KeyResultDraft } from '../../lib/settings';
import { HEALTH_LABEL, HEALTH_VALUES, safeHref } from '../panel/format';
import { ProblemBanner } from './ProblemBanner';

export interface DraftWarning {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface KeyResultDraftFormProps {
  index: number;
  draft: KeyResultDraft;
  context: CreateContext;
  errors: DraftErrors;
  /** Errors show once the user tried to create, not while the first letters are typed. */
  showErrors: boolean;
  warnings: DraftWarning[];
  outcome: KeyResultOutcome | null;
  /** The description GitLab will receive. */
  preview: string;
  removable: boolean;
  busy: boolean;
  onChange: (patch: Partial<KeyResultDraft>) => void;
  onRemove: () => void;
  onRetry: () => void;
}

/** A milestone's title, with where it lives when another milestone has the same title. */
function milestoneLabel(milestone: MilestoneOption, all: MilestoneOption[]): string {
  const twin = all.some((other) => other.id !== milestone.id && other.title === milestone.title);
  return twin && milestone.scope ? `${milestone.title} (${milestone.scope})` : milestone.title;
}

/** Outcomes after which the draft must not change: a retry looks for the item by its title. */
export function isLocked(outcome: KeyResultOutcome | null): boolean {
  return (
    outcome !== null &&
    (outcome.state === 'creating' ||
      outcome.state === 'unclear' ||
      outcome.state === 'progressFailed')
  );
}

export function KeyResultDraftForm(props: KeyResultDraftFormProps) {
  const { index, draft, context, errors, showErrors, warnings, outcome, onChange } = props;
  const id = useId();
  const locked = isLocked(outcome) || props.busy;
  const field = (name: string) => `${id}-${name}`;
  const parentMilestone = context.parent.milestone;
  const visibleErrors = showErrors ? errors : {};
  return (
    <section
      className="pop-draft"
      aria-labelledby={field('heading')}
      data-testid={`draft-${index}`}
      data-state={outcome?.state ?? 'draft'}
    >
      <div className="pop-draft-head">
        <h3 id={field('heading')}>Key result {index + 1}</h3>
        {props.removable && !locked && (
          <button
            type="button"
            className="pop-link-button"
            onClick={props.onRemove}
            aria-label={`Remove key result ${index + 1}`}
          >
            Remove
          </button>
        )}
      </div>

      {outcome && <OutcomeNotice outcome={outcome} busy={props.busy} onRetry={props.onRetry} />}

      <div className="pop-field">
        <label htmlFor={field('title')}>Title</label>
        <input
          id={field('title')}
          value={draft.title}
          disabled={locked}
          placeholder="Verb + what + from x to y, e.g. Cut pages from 40 to 10 a week"
          aria-invalid={Boolean(visibleErrors.title)}
          onChange={(event) => onChange({ title: event.target.value })}
        />
      </div>
      {visibleErrors.title && <p className="pop-field-error">{visibleErrors.title}</p>}

      <div className="pop-grid-2">
        <div className="pop-field">
          <label htmlFor={field('dri')}>DRI</label>
          <select
            id={field('dri')}
            value={draft.assigneeId ?? ''}
            disabled={locked}
            onChange={(event) => onChange({ assigneeId: event.target.value || null })}
          >
            <option value="">Nobody yet</option>
            {context.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="pop-field">
          <label htmlFor={field('milestone')}>Milestone</label>
          <select
            id={field('milestone')}
            value={draft.milestone}
            disabled={locked}
            onChange={(event) => onChange({ milestone: event.target.value })}
          >
            <option value="parent">
              {parentMilestone
                ? `${parentMilestone.title} (objective’s)`
                : 'None (as the objective)'}
            </option>
            {context.milestones
              .filter((milestone) => milestone.id !== parentMilestone?.id)
              .map((milestone) => (
                <option key={milestone.id} value={milestone.id}>
                  {milestoneLabel(milestone, context.milestones)}
                </option>
              ))}
            <option value="none">No milestone</option>
          </select>
        </div>
        <div className="pop-field">
          <label htmlFor={field('due')}>Due date</label>
          <input
            id={field('due')}
            type="date"
            value={draft.dueDate}
            disabled={locked}
            max={parentMilestone?.dueDate ?? undefined}
            aria-invalid={Boolean(visibleErrors.dueDate)}
            onChange={(event) => onChange({ dueDate: event.target.value })}
          />
        </div>
        <div className="pop-field">
          <label htmlFor={field('health')}>Health status</label>
          {/* No "Not set": a key result has a health status from the start (FIRST_HEALTH). */}
          <select
            id={field('health')}
            value={draft.health ?? FIRST_HEALTH}
            disabled={locked}
            onChange={(event) =>
              onChange({
                health: HEALTH_VALUES.find((value) => value === event.target.value) ?? FIRST_HEALTH,
              })
            }
          >
            {HEALTH_VALUES.map((value) => (
              <option key={value} value={value}>
                {HEALTH_LABEL[value]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="pop-grid-4" role="group" aria-label="Progress values">
        {(
          [
            ['startValue', 'Start'],
            ['currentValue', 'Current'],
            ['targetValue', 'Target'],
          ] as const
        ).map(([key, label]) => (
          <div className="pop-field" key={key}>
            <label htmlFor={field(key)}>{label}</label>
            <input
              id={field(key)}
              inputMode="numeric"
              value={draft[key]}
              disabled={locked}
              placeholder={key === 'currentValue' ? draft.startValue || '—' : '—'}
              aria-invalid={Boolean(visibleErrors.values)}
              aria-label={`${label} value`}
              onChange={(event) => onChange({ [key]: event.target.value })}
            />
          </div>
        ))}
        <div className="pop-field">
          <label htmlFor={field('unit')}>Unit</label>
          <input
            id={field('unit')}
            value={draft.unit}
            disabled={locked}
            placeholder="pages/week"
            onChange={(event) => onChange({ unit: event.target.value })}
          />
        </div>
      </div>
      {visibleErrors.values ? (
        <p className="pop-field-error">{visibleErrors.values}</p>
      ) : (
        <p className="pop-hint" style={{ margin: '-4px 0 8px' }}>
          {context.destination
            ? 'Whole numbers; scored by how far current has come from start to target.'
            : 'Whole numbers; GitLab scores current between start and target.'}
        </p>
      )}

      <div className="pop-field">
        <label htmlFor={field('description')}>Description</label>
        <textarea
          id={field('description')}
          rows={7}
          value={draft.description}
          disabled={locked}
          onChange={(event) => onChange({ description: event.target.value })}
        />
      </div>
      <div className="pop-grid-2">
        <div className="pop-field">
          <label htmlFor={field('block')}>Scoring block</label>
          <select
            id={field('block')}
            value={draft.scoringBlock}
            disabled={locked}
            onChange={(event) =>
              onChange({
                scoringBlock:
                  event.target.value === 'rate' || event.target.value === 'milestones'
                    ? event.target.value
                    : 'none',
              })
            }
          >
            <option value="none">None</option>
            <option value="rate">okr: monthly rate</option>
            <option value="milestones">okr: milestones</option>
          </select>
        </div>
        <p className="pop-hint" style={{ alignSelf: 'center' }}>
          Empty DRI and Scoring sections are filled in for you.
        </p>
      </div>
      <details className="pop-preview">
        <summary>Preview what GitLab receives</summary>
        <pre data-testid="description-preview">{props.preview}</pre>
      </details>

      {warnings.length > 0 && (
        <ul className="pop-warnings" aria-label={`Handbook checks for key result ${index + 1}`}>
          {warnings.map((warning) => (
            <li key={warning.rule} data-rule={warning.rule} data-severity={warning.severity}>
              {warning.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OutcomeNotice({
  outcome,
  busy,
  onRetry,
}: {
  outcome: KeyResultOutcome;
  busy: boolean;
  onRetry: () => void;
}) {
  if (outcome.state === 'creating') {
    return (
      <div className="pop-notice" data-tone="info" role="status">
        <span className="pop-spinner" aria-hidden="true" /> Creating in GitLab…
      </div>
    );
  }
  if (outcome.state === 'progressFailed' && outcome.item) {
    const href = safeHref(outcome.item.url);
    return (
      <div className="pop-notice" data-tone="warning" role="alert" data-outcome="progressFailed">
        <strong>
          Created{' '}
          <a href={href} target="_blank" rel="noreferrer">
            {outcome.item.reference}
          </a>
          , values not set
        </strong>
        <p>{outcome.problem?.message ?? 'Its start, current and target values are missing.'}</p>
        <div className="pop-notice-actions">
          <button
            type="button"
            className="ext-button ext-button--small"
            disabled={busy}
            onClick={onRetry}
          >
            Retry setting the values
          </button>
        </div>
      </div>
    );
  }
  if (outcome.state === 'unclear' && outcome.problem) {
    return (
      <ProblemBanner
        problem={outcome.problem}
        tone="warning"
        title="Not sure it was created"
        onRetry={busy ? undefined : onRetry}
        retryLabel="Retry (checks first)"
      />
    );
  }
  if (outcome.state === 'failed' && outcome.problem) {
    return <ProblemBanner problem={outcome.problem} title="Not created" />;
  }
  return null;
}
