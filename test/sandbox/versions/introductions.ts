// When a schema member arrived in GitLab. Mostly GitLab's own "Introduced in GitLab X.Y" notes,
// which schema.graphql carries over from GitLab's schema; GitLab writes them only for members
// added as experiments, so a few that OKR Lens cares about have none. Those are kept here by
// hand, each with where it comes from.
import { parseVersion, type GitLabVersion } from './profiles';

export interface HandKeptIntroduction {
  /** `Type`, `Type.field`, `Type.field(argument)`, `Input.field` or `Enum.VALUE`; `*` for any type. */
  coordinate: string;
  version: string;
  /** Where the version comes from. */
  source: string;
  /** `source`: a file or merge request states it; `inferred`: read from neighbouring facts. */
  certainty: 'source' | 'inferred';
}

export const HAND_KEPT_INTRODUCTIONS: readonly HandKeptIntroduction[] = [
  {
    coordinate: 'WorkItemWidgetNotes.notes',
    version: '18.2',
    source:
      'app/graphql/types/work_items/widgets/notes_type.rb declares `field :notes` (Resolvers::Noteable::NotesResolver, scopes api/read_api/ai_workflows) with no `experiment:` milestone, so GitLab prints no note; `discussions` is the long-standing field (MR !102811, 2022). ../shared/spec/gitlab.md puts `notes` at about 18.2; the merge request that added it was not found.',
    certainty: 'inferred',
  },
  {
    coordinate: 'WorkItemWidgetCustomFields',
    version: '17.9',
    source:
      'ee/app/graphql/types/work_items/widgets/custom_fields_type.rb: its only field, custom_field_values, is `experiment: { milestone: "17.9" }` (the type itself carries no note).',
    certainty: 'source',
  },
  {
    coordinate: 'CreateNotePayload.quickActionsStatus',
    version: '17.7',
    source:
      'app/graphql/mutations/notes/base.rb `field :quick_actions_status, Types::Notes::QuickActionsStatusType` has no milestone; MR !172179 "Refactor notes quick action handling" (merged for 17.7) moved quick action results out of the note errors into a status object.',
    certainty: 'inferred',
  },
  {
    coordinate: '*.workItems(parentIds)',
    version: '18.5',
    source:
      'app/graphql/resolvers/concerns/work_items/shared_filter_arguments.rb: `argument :parent_ids` has no milestone; its sibling `parent_wildcard_id` ("Incompatible with parentIds") is `experiment: { milestone: "18.5" }`, and before it parent filtering went through `hierarchyFilters` (18.3, MR !200140 added the parent wildcard and negated parent filters).',
    certainty: 'inferred',
  },
];

const NOTE = /Introduced in GitLab (\d+\.\d+)/;

/** The version in a description or deprecation reason, if it has GitLab's note. */
export function noteVersion(text: string | null | undefined): GitLabVersion | null {
  const found = text ? NOTE.exec(text)?.[1] : undefined;
  return found ? parseVersion(found) : null;
}

/** The hand-kept version of a member, if the list has it (the `*` entries match any type). */
export function handKeptVersion(coordinate: string): GitLabVersion | null {
  const [typeName, rest] = splitCoordinate(coordinate);
  const entry = HAND_KEPT_INTRODUCTIONS.find(
    (e) =>
      e.coordinate === coordinate ||
      (e.coordinate.startsWith('*.') && rest !== null && e.coordinate === `*.${rest}`) ||
      (rest === null && e.coordinate === typeName),
  );
  return entry ? parseVersion(entry.version) : null;
}

function splitCoordinate(coordinate: string): [string, string | null] {
  const dot = coordinate.indexOf('.');
  return dot < 0 ? [coordinate, null] : [coordinate.slice(0, dot), coordinate.slice(dot + 1)];
}
