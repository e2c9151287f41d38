// The quick check-in: set an OKR's health status and current value (one `workItemUpdate`) and
// add an optional comment (one `createNote`), and turn on GitLab's own check-in reminder on a
// top-level objective.
import type { GitLabClient } from '../gitlab/client';
import { CheckInMutation, CreateNoteMutation } from '../gitlab/documents';
import { GitLabError, problemFromMutationErrors } from '../gitlab/errors';
import { CreateNoteResponseSchema, WorkItemUpdateResponseSchema } from '../gitlab/schemas';
import type { CheckInReminder, Problem } from '../messages';
import type { HealthStatus } from '../okr/model';

export interface CheckIn {
  /** GitLab global id, `gid://gitlab/WorkItem/N`. */
  id: string;
  health: HealthStatus;
  /** The new current value (the progress percentage on a key result without start and target). */
  currentValue?: number;
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
    /commands? (only|applied)|check-in reminder|reminder/i.test(error),
  );
}

async function addNote(client: GitLabClient, id: string, body: string): Promise<string[]> {
  const data = await client.graphql(
    CreateNoteMutation,
    { noteableId: id, body },
    CreateNoteResponseSchema,
  );
  return data.createNote?.errors ?? ['GitLab did not answer the comment'];
}

/** Health and value in one write, then the comment; throws a CheckInProblem saying what stuck. */
export async function checkIn(client: GitLabClient, input: CheckIn): Promise<void> {
  const data = await client.graphql(
    CheckInMutation,
    {
      id: input.id,
      healthStatus: input.health,
      ...(input.currentValue === undefined
        ? {}
        : { progress: { currentValue: Math.round(input.currentValue) } }),
    },
    WorkItemUpdateResponseSchema,
  );
  const errors = data.workItemUpdate?.errors ?? ['GitLab did not answer the update'];
  if (errors.length) {
    throw new CheckInProblem(problemFromMutationErrors('save the check-in', errors));
  }
  const comment = input.comment?.trim();
  if (!comment) return;
  try {
    const noteErrors = await addNote(client, input.id, comment);
    if (noteErrors.length) {
      throw new CheckInProblem(problemFromMutationErrors('add the comment', noteErrors));
    }
  } catch (error) {
    const cause =
      error instanceof CheckInProblem || error instanceof GitLabError
        ? error.problem
        : { kind: 'unknown' as const, message: 'The comment could not be added.' };
    // The health and value are saved: say so, so nobody sets them twice.
    throw new CheckInProblem({
      ...cause,
      message: `The health status and value are saved, but the comment is not: ${cause.message}`,
    });
  }
}

/** The quick action GitLab reads on a top-level objective. */
export function reminderCommand(frequency: CheckInReminder): string {
  return `/checkin_reminder ${frequency}`;
}

export async function setCheckInReminder(
  client: GitLabClient,
  input: { id: string; frequency: CheckInReminder },
): Promise<void> {
  const errors = await addNote(client, input.id, reminderCommand(input.frequency));
  if (errors.length && !onlyCommandMessages(errors)) {
    throw new CheckInProblem(problemFromMutationErrors('set the check-in reminder', errors));
  }
}
