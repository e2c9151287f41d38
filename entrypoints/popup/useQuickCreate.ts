// The create form's state for one objective: drafts kept in storage as they are typed, the
// background's record of each draft's creation (watched, so a popup reopened mid-create shows
// where it stands), the handbook's checks, and a submit that cannot run twice at once.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CreateContext,
  CreatedItem,
  KeyResultOutcome,
  KeyResultSubmission,
  Problem,
  WorkItemRef,
} from '../../lib/messages';
import {
  checkDrafts,
  composeDescription,
  createDraftBook,
  draftErrors,
  newDraft,
  toSubmission,
  type DraftErrors,
} from '../../lib/services/drafts';
import {
  createAttemptsItem,
  keyResultDraftsItem,
  loadRuleSettings,
  type CreateAttempt,
  type KeyResultDraft,
} from '../../lib/settings';
import { localDateOf, type RuleSettings } from '../../lib/okr';
import type { DraftWarning } from '../../components/popup/KeyResultDraftForm';
import type { PopupBackend } from './backend';

/** A "creating" record this old was left by a background that stopped: offer a retry. */
const ABANDONED_MS = 2 * 60 * 1000;

const book = createDraftBook(
  {
    load: () => keyResultDraftsItem.getValue(),
    save: (sets) => keyResultDraftsItem.setValue(sets),
  },
  () => new Date(),
);

function localToday(): string {
  const now = new Date();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return localDateOf(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10);
}

function outcomeOf(attempt: CreateAttempt, now: number): KeyResultOutcome {
  const { localId, state, item, problem, recovered } = attempt;
  const abandoned = state === 'creating' && now - Date.parse(attempt.updatedAt) > ABANDONED_MS;
  return {
    localId,
    state: abandoned ? (item ? 'progressFailed' : 'unclear') : state,
    ...(item ? { item } : {}),
    ...(recovered ? { recovered } : {}),
    ...(problem
      ? { problem }
      : abandoned
        ? {
            problem: {
              kind: 'unknown' as const,
              message:
                'OKR Lens stopped before GitLab answered. Retry looks for the key result first, so it is never made twice.',
            },
          }
        : {}),
  };
}

function outcomesOf(records: Record<string, CreateAttempt>): Record<string, KeyResultOutcome> {
  const now = Date.now();
  return Object.fromEntries(
    Object.entries(records).map(([localId, record]) => [localId, outcomeOf(record, now)]),
  );
}

export interface QuickCreate {
  drafts: KeyResultDraft[];
  loaded: boolean;
  errors: Record<string, DraftErrors>;
  showErrors: boolean;
  draftWarnings: Record<string, DraftWarning[]>;
  parentWarnings: DraftWarning[];
  outcomes: Record<string, KeyResultOutcome>;
  previews: Record<string, string>;
  created: (CreatedItem & { recovered?: boolean })[];
  submitting: boolean;
  batchProblem: Problem | null;
  /** Under an epic: the project the key results go in (null until one is picked). */
  project: string | null;
  /** Shown when a create was tried under an epic without a project. */
  projectError: string | null;
  pickProject(fullPath: string | null): void;
  change(localId: string, patch: Partial<KeyResultDraft>): void;
  add(): void;
  remove(localId: string): void;
  create(): void;
  retry(localId: string): void;
}

export function useQuickCreate(
  backend: PopupBackend,
  ref: WorkItemRef,
  context: CreateContext,
  onCreated: () => void,
): QuickCreate {
  const [drafts, setDrafts] = useState<KeyResultDraft[]>([]);
  const [loaded, setLoaded] = useState(false);
  /** The background's records as outcomes, judged (abandoned or not) when they arrive. */
  const [recorded, setRecorded] = useState<Record<string, KeyResultOutcome>>({});
  const [created, setCreated] = useState<(CreatedItem & { recovered?: boolean })[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [batchProblem, setBatchProblem] = useState<Problem | null>(null);
  const [project, setProject] = useState<string | null>(context.destination?.chosen ?? null);
  const projectRef = useRef(project);
  // The handbook checks as set in the options (the defaults until they are read).
  const [ruleSettings, setRuleSettings] = useState<RuleSettings | undefined>(undefined);
  useEffect(() => {
    let open = true;
    void loadRuleSettings().then((settings) => {
      if (open) setRuleSettings(settings);
    });
    return () => {
      open = false;
    };
  }, []);
  // Set synchronously: a second click in the same frame sees it before React re-renders.
  const inFlight = useRef(false);
  const draftsRef = useRef<KeyResultDraft[]>([]);
  const onCreatedRef = useRef(onCreated);
  useEffect(() => {
    onCreatedRef.current = onCreated;
  });

  const fresh = useCallback((): KeyResultDraft => {
    const draft = newDraft(crypto.randomUUID());
    const me = context.members.find((member) => member.username === context.me);
    return me ? { ...draft, assigneeId: me.id } : draft;
  }, [context]);

  const commit = useCallback(
    (next: KeyResultDraft[]) => {
      draftsRef.current = next;
      setDrafts(next);
      void book.save(ref, next);
    },
    [ref],
  );

  // Settle drafts GitLab confirmed: they leave the form (and storage) and join the created list.
  const settle = useCallback(
    (outcomes: KeyResultOutcome[]) => {
      const done = outcomes.filter((outcome) => outcome.state === 'created' && outcome.item);
      if (done.length === 0) return;
      const ids = new Set(done.map((outcome) => outcome.localId));
      const present = draftsRef.current.filter((draft) => ids.has(draft.localId));
      if (present.length === 0) return;
      setCreated((list) => [
        ...list,
        ...done
          .filter((outcome) => present.some((draft) => draft.localId === outcome.localId))
          .filter((outcome) => !list.some((item) => item.id === outcome.item!.id))
          .map((outcome) => ({
            ...outcome.item!,
            ...(outcome.recovered ? { recovered: true } : {}),
          })),
      ]);
      const rest = draftsRef.current.filter((draft) => !ids.has(draft.localId));
      draftsRef.current = rest;
      setDrafts(rest);
      void book.remove(
        ref,
        present.map((draft) => draft.localId),
      );
      onCreatedRef.current();
    },
    [ref],
  );

  useEffect(() => {
    let active = true;
    void (async () => {
      const [stored, records] = await Promise.all([book.load(ref), createAttemptsItem.getValue()]);
      if (!active) return;
      const initial = stored.length ? stored : [fresh()];
      draftsRef.current = initial;
      setDrafts(initial);
      setRecorded(outcomesOf(records));
      setLoaded(true);
      settle(
        initial.flatMap((draft) => {
          const record = records[draft.localId];
          return record ? [outcomeOf(record, Date.now())] : [];
        }),
      );
    })();
    const unwatch = createAttemptsItem.watch((records) => setRecorded(outcomesOf(records ?? {})));
    return () => {
      active = false;
      unwatch();
    };
  }, [ref, fresh, settle]);

  const outcomes = useMemo(() => {
    const map: Record<string, KeyResultOutcome> = {};
    for (const draft of drafts) {
      const outcome = recorded[draft.localId];
      if (outcome) map[draft.localId] = outcome;
    }
    return map;
  }, [drafts, recorded]);

  // A background that finished while this popup was open: settle what it confirmed.
  useEffect(() => {
    if (!submitting) settle(Object.values(outcomes));
  }, [outcomes, submitting, settle]);

  const errors = useMemo(
    () => Object.fromEntries(drafts.map((draft) => [draft.localId, draftErrors(draft)])),
    [drafts],
  );
  const previews = useMemo(
    () =>
      Object.fromEntries(
        drafts.map((draft) => {
          const dri = context.members.find((member) => member.id === draft.assigneeId) ?? null;
          return [draft.localId, composeDescription(draft, dri)];
        }),
      ),
    [drafts, context],
  );
  const warnings = useMemo(
    () =>
      checkDrafts(drafts, context, {
        today: localToday(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        settings: ruleSettings,
      }),
    [drafts, context, ruleSettings],
  );

  const send = useCallback(
    async (chosen: KeyResultDraft[]) => {
      if (inFlight.current) return;
      setShowErrors(true);
      const projectPath = context.destination ? projectRef.current : null;
      if (context.destination && !projectPath) return;
      const submissions = chosen
        .map((draft) => toSubmission(draft, context))
        .filter((submission): submission is KeyResultSubmission => submission !== null)
        .map((submission) => (projectPath ? { ...submission, projectPath } : submission));
      if (submissions.length === 0 || submissions.length !== chosen.length) return;
      inFlight.current = true;
      setSubmitting(true);
      setBatchProblem(null);
      try {
        const result = await backend.submit(ref, submissions);
        if (!result.ok) setBatchProblem(result.problem);
        else settle(result.outcomes);
      } finally {
        inFlight.current = false;
        setSubmitting(false);
      }
    },
    [backend, ref, context, settle],
  );

  return {
    drafts,
    loaded,
    errors,
    showErrors,
    draftWarnings: warnings.byDraft,
    parentWarnings: warnings.parent,
    outcomes,
    previews,
    created,
    submitting,
    batchProblem,
    project,
    projectError:
      showErrors && context.destination && !project
        ? 'Pick the project the key results go in.'
        : null,
    pickProject(fullPath) {
      projectRef.current = fullPath;
      setProject(fullPath);
    },
    change(localId, patch) {
      commit(
        draftsRef.current.map((draft) =>
          draft.localId === localId ? { ...draft, ...patch } : draft,
        ),
      );
    },
    add() {
      commit([...draftsRef.current, fresh()]);
    },
    remove(localId) {
      commit(draftsRef.current.filter((draft) => draft.localId !== localId));
    },
    create() {
      void send(draftsRef.current);
    },
    retry(localId) {
      const draft = draftsRef.current.find((candidate) => candidate.localId === localId);
      if (draft) void send([draft]);
    },
  };
}
