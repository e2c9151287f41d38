// The create form: the drafts, the handbook's verdict on the objective they would join, the
// key results created so far, and the one button that sends them.
import type { CreateContext, CreatedItem, KeyResultOutcome, Problem } from '../../lib/messages';
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
