// The create form: the drafts, the handbook's verdict on the objective they would join, the
// key results created so far, and the one button that sends them.
import { useId } from 'react';
import type {
  CreateContext,
  CreateDestination,
  CreatedItem,
  KeyResultOutcome,
  Problem,
} from '../../lib/messages';
import type { DraftErrors } from '../../lib/services/drafts';
import type { KeyResultDraft } from '../../lib/settings';
import { CreatedList } from './CreatedList';
import { KeyResultDraftForm, type DraftWarning } from './KeyResultDraftForm';
import { ProblemBanner } from './ProblemBanner';

export interface CreateSectionProps {
  context: CreateContext;
  drafts: KeyResultDraft[];
  errors: Record<string, DraftErrors>;
  showErrors: boolean;
  draftWarnings: Record<string, DraftWarning[]>;
  parentWarnings: DraftWarning[];
  outcomes: Record<string, KeyResultOutcome>;
  previews: Record<string, string>;
  created: (CreatedItem & { recovered?: boolean })[];
  submitting: boolean;
  /** A problem with the whole batch (read-only token, no OKRs, the parent is full…). */
  batchProblem: Problem | null;
  /** Under an epic: the project picked for the key results, and why a create waits for one. */
  project?: string | null;
  projectError?: string | null;
  onPickProject?: (fullPath: string | null) => void;
  onChange: (localId: string, patch: Partial<KeyResultDraft>) => void;
  onAdd: () => void;
  onRemove: (localId: string) => void;
  onCreate: () => void;
  onRetry: (localId: string) => void;
  onOpenOptions: () => void;
}

export function CreateSection(props: CreateSectionProps) {
  const { drafts } = props;
  const count = drafts.length;
  return (
    <section
      className="pop-section"
      aria-labelledby="pop-create-title"
      data-testid="create-section"
    >
      <h2 id="pop-create-title" className="pop-section-title">
        New key results
      </h2>
      <CreatedList items={props.created} />
      {props.batchProblem && (
        <ProblemBanner problem={props.batchProblem} onOpenOptions={props.onOpenOptions} />
      )}
      {props.parentWarnings.length > 0 && (
        <ul
          className="pop-warnings"
          aria-label="Handbook checks for the objective"
          style={{ marginBottom: 10 }}
        >
          {props.parentWarnings.map((warning) => (
            <li key={warning.rule} data-rule={warning.rule} data-severity={warning.severity}>
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.submitting) props.onCreate();
        }}
        noValidate
      >
        {props.context.destination && (
          <DestinationFields
            destination={props.context.destination}
            project={props.project ?? null}
            error={props.projectError ?? null}
            busy={props.submitting}
            onPick={(fullPath) => props.onPickProject?.(fullPath)}
          />
        )}
        {drafts.map((draft, index) => (
          <KeyResultDraftForm
            key={draft.localId}
            index={index}
            draft={draft}
            context={props.context}
            errors={props.errors[draft.localId] ?? {}}
            showErrors={props.showErrors}
            warnings={props.draftWarnings[draft.localId] ?? []}
            outcome={props.outcomes[draft.localId] ?? null}
            preview={props.previews[draft.localId] ?? ''}
            removable={count > 1}
            busy={props.submitting}
            onChange={(patch) => props.onChange(draft.localId, patch)}
            onRemove={() => props.onRemove(draft.localId)}
            onRetry={() => props.onRetry(draft.localId)}
          />
        ))}
        <div className="pop-actions">
          <button
            type="button"
            className="ext-button"
            onClick={props.onAdd}
            disabled={props.submitting}
          >
            {count === 0 ? 'Add a key result' : 'Add another'}
          </button>
          {count > 0 && (
            <button
              type="submit"
              className="ext-button ext-button--primary"
              disabled={props.submitting || count === 0}
              aria-busy={props.submitting}
            >
              {props.submitting ? (
                <>
                  <span className="pop-spinner" aria-hidden="true" /> Creating…
                </>
              ) : count === 1 ? (
                'Create key result'
              ) : (
                `Create ${count} key results`
              )}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** A list of names as people write it: "a", "a and b", "a, b and c". */
function listed(names: string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Under an objective epic: the project the key result issues go in (GitLab keeps issues in
 * projects), and what each gets from OKR Lens besides the form: labels and where the values go.
 */
function DestinationFields({
  destination,
  project,
  error,
  busy,
  onPick,
}: {
  destination: CreateDestination;
  project: string | null;
  error: string | null;
  busy: boolean;
  onPick: (fullPath: string | null) => void;
}) {
  const id = useId();
  const { projects, labels, missingLabels, fields } = destination;
  const fieldNames = [fields.start, fields.current, fields.target].filter((name): name is string =>
    Boolean(name),
  );
  return (
    <div className="pop-destination" data-testid="create-destination">
      <div className="pop-field">
        <label htmlFor={`${id}-project`}>Project</label>
        {projects.length === 0 ? (
          <p className="pop-field-error" role="alert">
            You can create issues in none of this group’s projects. Ask for a role in one (Guest or
            more) to add key results here.
          </p>
        ) : (
          <select
            id={`${id}-project`}
            value={project ?? ''}
            disabled={busy}
            aria-invalid={Boolean(error)}
            onChange={(event) => onPick(event.target.value || null)}
          >
            <option value="">Pick a project…</option>
            {projects.map((option) => (
              <option key={option.fullPath} value={option.fullPath}>
                {option.name} ({option.fullPath})
              </option>
            ))}
          </select>
        )}
      </div>
      {error && <p className="pop-field-error">{error}</p>}
      <p className="pop-hint">
        Each key result becomes an issue of that project under this epic (its own “Key result” item
        where the project has that type)
        {labels.length > 0 && (
          <>
            , labelled{' '}
            {labels.map((label, index) => (
              <span key={label}>
                {index > 0 && (index === labels.length - 1 ? ' and ' : ', ')}
                <code>{label}</code>
              </span>
            ))}
          </>
        )}
        .
        {fieldNames.length === 3 &&
          ` Start, current and target go in the custom fields ${listed(fieldNames)}.`}
      </p>
      {missingLabels.length > 0 && (
        <p className="pop-hint" data-testid="missing-labels">
          This group has no {missingLabels.length === 1 ? 'label' : 'labels'}{' '}
          {listed(missingLabels)}: {missingLabels.length === 1 ? 'it is' : 'they are'} not set.
        </p>
      )}
      {destination.valuesUnavailable && (
        <p className="pop-hint" data-testid="values-unavailable">
          {destination.valuesUnavailable} Leave start, current and target empty.
        </p>
      )}
    </div>
  );
}
