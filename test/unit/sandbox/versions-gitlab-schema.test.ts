// The version profiles cut from GitLab's whole schema (../shared/gitlab-schema/gitlab.graphql):
// members the sandbox does not serve are refused on older profiles in graphql-ruby's words too,
// and GitLab's notes plus the hand-kept list give the floors ../shared/spec/gitlab.md names.
// Its own file: reading the 3 MB schema holds the event loop for seconds.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAND_KEPT_INTRODUCTIONS } from '../../sandbox/versions/introductions';
import {
  GITLAB_SCHEMA_FILE,
  introductionOf,
  refusalsFor,
} from '../../sandbox/versions/profile-schema';
import { formatVersion } from '../../sandbox/versions/profiles';

const gitlabPresent = existsSync(GITLAB_SCHEMA_FILE);
/** Reading GitLab's 3 MB schema takes seconds on a busy machine. */
const SLOW = { timeout: 120_000 };

describe("profiles of GitLab's whole schema", () => {
  it.skipIf(!gitlabPresent)(
    'an argument or input field newer than the profile is refused in graphql-ruby words',
    () => {
      // Against GitLab's whole schema: hierarchyFilters (18.3), customFieldsWidget (17.10).
      const filtered = `query Children($fullPath: ID!) {
        namespace(fullPath: $fullPath) {
          workItems(hierarchyFilters: { parentIds: [] }) { nodes { iid } }
        }
      }`;
      expect(refusalsFor('18.1', filtered, 'gitlab')).toEqual([
        expect.objectContaining({
          message: "Field 'workItems' doesn't accept argument 'hierarchyFilters'",
          path: ['query Children', 'namespace', 'workItems', 'hierarchyFilters'],
          extensions: {
            code: 'argumentNotAccepted',
            name: 'workItems',
            typeName: 'Field',
            argumentName: 'hierarchyFilters',
          },
        }),
      ]);
      expect(refusalsFor('18.3', filtered, 'gitlab')).toEqual([]);

      const created = `mutation Create {
        workItemCreate(input: { namespacePath: "g", title: "t", workItemTypeId: "gid://gitlab/WorkItems::Type/1", customFieldsWidget: [] }) { errors }
      }`;
      expect(refusalsFor('17.9', created, 'gitlab').map((e) => e.message)).toEqual([
        "InputObject 'WorkItemCreateInput' doesn't accept argument 'customFieldsWidget'",
      ]);
      expect(refusalsFor('17.10', created, 'gitlab')).toEqual([]);
    },
    SLOW.timeout,
  );
  it.skipIf(!gitlabPresent)(
    "GitLab's notes and the hand-kept list give the floors of ../shared/spec/gitlab.md",
    () => {
      const floors: Record<string, string> = {
        'Namespace.workItems': '18.1',
        'CurrentUser.workItems': '17.10',
        'Namespace.workItemTypes': '17.2',
        'WorkItemWidgetNotes.notes': '18.2',
        'WorkItemWidgetWeight.rolledUpWeight': '17.2',
        'WorkItemWidgetWeight.rolledUpCompletedWeight': '17.3',
        'Group.customFields': '17.5',
        WorkItemWidgetCustomFields: '17.9',
        'WorkItemWidgetCustomFields.customFieldValues': '17.9',
        'WorkItemCreateInput.customFieldsWidget': '17.10',
        'WorkItemUpdateInput.customFieldsWidget': '17.10',
        'CreateNotePayload.quickActionsStatus': '17.7',
        'Namespace.workItems(hierarchyFilters)': '18.3',
        'Namespace.workItems(parentIds)': '18.5',
        'Group.workItems(parentIds)': '18.5',
      };
      const found = Object.fromEntries(
        Object.keys(floors).map((coordinate) => {
          const version = introductionOf(coordinate, 'gitlab');
          return [coordinate, version ? formatVersion(version) : String(version)];
        }),
      );
      expect(found).toEqual(floors);
      for (const entry of HAND_KEPT_INTRODUCTIONS.filter((e) => !e.coordinate.startsWith('*')))
        expect(introductionOf(entry.coordinate, 'gitlab'), entry.coordinate).not.toBeUndefined();
    },
    SLOW.timeout,
  );

  it.runIf(!gitlabPresent)('is skipped: ../shared/gitlab-schema/gitlab.graphql is absent', () => {
    expect(gitlabPresent).toBe(false);
  });
});
