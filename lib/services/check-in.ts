// The quick check-in: set an OKR's health status and current value (one `workItemUpdate`) and
// always add the check-in comment (one `createNote`): GitLab writes a system note only when a
// value changes, so the comment is what records "still on track, same value". Also GitLab's own
// check-in reminder on a top-level objective, told apart from a command GitLab left as text.
import { knownVersion } from '../gitlab/capabilities';
import { writesCustomFields } from '../gitlab/carrier-writes';
import type { GitLabClient } from '../gitlab/client';
import {
  CheckInCustomFieldMutation,
  CheckInMutation,
  CreateNoteMutation,
  CreateNoteWithStatusMutation,
  DestroyNoteMutation,
} from '../gitlab/documents';
import { GitLabError, isMissingField, problemFromMutationErrors } from '../gitlab/errors';
import {
  CreateNoteResponseSchema,
  DestroyNoteResponseSchema,
  WorkItemUpdateResponseSchema,
  type CreateNoteResponse,
} from '../gitlab/schemas';
import type { CheckInReminder, Problem } from '../messages';
import { checkInComment, type CheckInSummary } from '../okr/check-in-note';
import type { HealthStatus } from '../okr/model';

export interface CheckIn {
  /** GitLab global id, `gid://gitlab/WorkItem/N`. */
  id: string;
  health: HealthStatus;
  /** The new current value (the progress percentage on a key result without start and target). */
  currentValue?: number;
  /** A key result's own start and target, when the value is in its units (not a percentage). */
  scale?: { start: number; target: number };
  /**
   * The custom number field that holds the current value (an issue, an epic or a custom "Key
   * result" item keeps its values in custom fields): the value goes there, not to progress.
   */
  currentField?: { id: string; name: string };
  comment?: string;
}

export class CheckInProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/**
 * GitLab answers a comment made only of quick actions with the command's message in `errors`
 * on some versions ("Commands only …", "Check-in reminder …"): that is success, not failure.
 */
function onlyCommandMessages(errors: readonly string[]): boolean {
  return errors.every((error) =>
    /commands? (only|applied)|check-?in reminder|reminder/i.test(error),
  );
}

type CreatedNote = NonNullable<CreateNoteResponse['createNote']>;

async function addNote(
  client: GitLabClient,
  id: string,
  body: string,
  document = CreateNoteMutation,
): Promise<CreatedNote> {
  const data = await client.graphql(document, { noteableId: id, body }, CreateNoteResponseSchema);
  return data.createNote ?? { errors: ['GitLab did not answer the comment'], note: null };
}

/** The command's answer with `quickActionsStatus`, or without it on GitLab before 17.7. */
async function addCommand(client: GitLabClient, id: string, body: string): Promise<CreatedNote> {
  try {
    return await addNote(client, id, body, CreateNoteWithStatusMutation);
  } catch (error) {
    if (!isMissingField(error, 'CreateNotePayload', 'quickActionsStatus')) throw error;
    return addNote(client, id, body);
  }
}

/** What the check-in comment's first line says. */
function summaryOf(input: CheckIn): CheckInSummary {
  if (input.currentValue === undefined) return { health: input.health };
  return input.scale
    ? {
        health: input.health,
        value: { kind: 'units', current: input.currentValue, ...input.scale },
      }
    : { health: input.health, value: { kind: 'percent', progress: input.currentValue } };
}

/**
 * The one write of health and value: the value in its custom field (GitLab 17.10+ writes
 * "changed Current to 12" when it changes), or in GitLab's progress widget, which takes whole
 * numbers only.
 */
function updateOf(input: CheckIn): [string, Record<string, unknown>] {
  const { id, health, currentValue, currentField } = input;
  if (currentValue !== undefined && currentField) {
    return [
      CheckInCustomFieldMutation,
      {
        id,
        healthStatus: health,
        values: [{ customFieldId: currentField.id, numberValue: currentValue }],
      },
    ];
  }
  if (currentValue !== undefined && !Number.isInteger(currentValue)) {
    throw new CheckInProblem({
      kind: 'invalidRequest',
      message: `GitLab stores whole numbers only in progress: round ${currentValue} and try again.`,
    });
  }
  return [
    CheckInMutation,
    {
      id,
      healthStatus: health,
      ...(currentValue === undefined ? {} : { progress: { currentValue } }),
    },
  ];
}

/**
 * Health and value in one write, then the check-in comment (its first line says what was
 * checked in, the person's own words follow); throws a CheckInProblem saying what stuck.
 */
export async function checkIn(client: GitLabClient, input: CheckIn): Promise<void> {
  if (input.currentField && input.currentValue !== undefined && !writesCustomFields(client)) {
    throw new CheckInProblem({
      kind: 'invalidRequest',
      message:
        `This GitLab (${knownVersion(client)}) cannot write custom fields (GitLab 17.10 can): ` +
        `nothing was saved. Change ${input.currentField.name} on the item’s page in GitLab.`,
    });
  }
  const data = await client.graphql(...updateOf(input), WorkItemUpdateResponseSchema);
  const errors = data.workItemUpdate?.errors ?? ['GitLab did not answer the update'];
  if (errors.length) {
    throw new CheckInProblem(problemFromMutationErrors('save the check-in', errors));
  }
  try {
    const { errors: noteErrors } = await addNote(
      client,
      input.id,
      checkInComment(summaryOf(input), input.comment),
    );
    if (noteErrors.length) {
      throw new CheckInProblem(problemFromMutationErrors('add the check-in comment', noteErrors));
    }
  } catch (error) {
    const cause =
      error instanceof CheckInProblem || error instanceof GitLabError
        ? error.problem
        : { kind: 'unknown' as const, message: 'The check-in comment could not be added.' };
    // The health and value are saved: say so, so nobody sets them twice.
    throw new CheckInProblem({
      ...cause,
      message:
        `The health status and value are saved, but the check-in comment is not ` +
        `(without it, an unchanged check-in is not recorded): ${cause.message}`,
    });
  }
}

/** The quick action GitLab reads on an objective. */
export function reminderCommand(frequency: CheckInReminder): string {
  return `/checkin_reminder ${frequency}`;
}

/** GitLab's answer when it did not offer the command: why, in the user's terms. */
const NOT_OFFERED =
  'GitLab did not set the reminder: check-in reminders are off on this GitLab or project ' +
  '(its okr_checkin_reminders feature), or your role may not manage this objective.';

/**
 * Sets GitLab's own check-in reminder and says whether GitLab set it. The feature flag and the
 * permission GitLab checks cannot be read with a token beforehand, so the command is sent and
 * `quickActionsStatus` read (app/services/notes/create_service.rb): GitLab ran it when it names
 * `checkin_reminder` with no error. Where GitLab did not offer the command it saves the text as
 * an ordinary comment and reports nothing: that comment is deleted at once, so no literal
 * command is left on the objective, and the user is told the reminder is not set.
 */
export async function setCheckInReminder(
  client: GitLabClient,
  input: { id: string; frequency: CheckInReminder },
): Promise<void> {
  const answer = await addCommand(client, input.id, reminderCommand(input.frequency));
  const status = answer.quickActionsStatus;
  const ran = status?.commandNames?.includes('checkin_reminder') === true;
  if (ran && !status?.errorMessages?.length) return;
  if (ran) {
    throw new CheckInProblem(
      problemFromMutationErrors('set the check-in reminder', status?.errorMessages ?? []),
    );
  }
  if (answer.note) {
    const removed = await removeNote(client, answer.note.id);
    throw new CheckInProblem({
      kind: 'forbidden',
      message: removed
        ? `${NOT_OFFERED} The comment it kept instead was removed.`
        : `${NOT_OFFERED} It kept "${reminderCommand(input.frequency)}" as a comment, which ` +
          'could not be removed: delete it on the objective’s page.',
    });
  }
  // GitLab before `quickActionsStatus` (or without an answer): its errors tell.
  if (answer.errors.length && !onlyCommandMessages(answer.errors)) {
    throw new CheckInProblem(problemFromMutationErrors('set the check-in reminder', answer.errors));
  }
}

async function removeNote(client: GitLabClient, id: string): Promise<boolean> {
  try {
    const data = await client.graphql(DestroyNoteMutation, { id }, DestroyNoteResponseSchema);
    return data.destroyNote !== null && data.destroyNote.errors.length === 0;
  } catch {
    return false;
  }
}
