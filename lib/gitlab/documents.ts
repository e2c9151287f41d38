// Every GraphQL document OKR Lens sends to GitLab, in one place, so one test can validate them
// all against GitLab's real schema (and the sandbox's subset) and keep them inside GitLab's limits.
//
// Choices that hold for every document below:
// - widgets are read with `widgets { ... on WorkItemWidgetX }` (long-standing) and never with
//   `features` (GitLab 18.9+ only); every widget selection asks for `__typename` so the response
//   schemas can tell widgets apart and ignore ones they do not know;
// - no page is larger than 100 items (GitLab's maximum page size);
// - fragments are shared so the query text stays far below GitLab's 10,000-character limit, and
//   the nested connections are small enough to keep the complexity below 250;
// - along any one branch (fragments expanded) a field with a sub-selection appears at most twice,
//   or GitLab refuses the whole query ("Recursive query", its RecursionAnalyzer). A work item's
//   `widgets` is such a field: an item's widgets, then a child's or linked item's widgets, and no
//   third level. Where a third level of items is read (a child's linked issues, a linked key
//   result's ancestors), it selects plain `WorkItem` fields only: the linked issue's
//   `description` (its task list is counted with GitLab's own rule, lib/okr/tasks.ts) instead of
//   the description widget's `taskCompletionStatus`.
// The unit tests run every document through the sandbox's copy of GitLab's checks.
//
// Fields newer than GitLab 17.0 are chosen through `Capabilities` (./capabilities.ts): the builders
// below take them, and `documentsFor(capabilities)` lists every document for one version.
import type { Capabilities } from './capabilities';

/** The newest GitLab: every field there is (what an instance of unknown version is sent). */
const NEWEST: Capabilities = { version: null, has: () => true };

/**
 * What a step of a parent chain (or a linked key result) shows: title, state, health, progress,
 * and when anything last changed on it (its health changed no later: a stale step shows it); its
 * labels, since on the epics carrier an epic is an objective or a key result by its labels.
 */
export const OkrLinkFields = /* GraphQL */ `
  fragment OkrLinkFields on WorkItem {
    id
    iid
    reference(full: true)
    webUrl
    title
    state
    updatedAt
    workItemType {
      name
    }
    widgets {
      __typename
      ... on WorkItemWidgetHealthStatus {
        healthStatus
      }
      ... on WorkItemWidgetProgress {
        progress
        updatedAt
      }
      ... on WorkItemWidgetHierarchy {
        hasParent
      }
      ... on WorkItemWidgetLabels {
        labels(first: 20) {
          nodes {
            title
          }
        }
      }
    }
  }
`;

/**
 * A step of a linked key result's parent chain, as the third level of items in a query: plain
 * fields only (no `widgets`, which would be its third appearance on the branch).
 */
export const OkrChainStepFields = /* GraphQL */ `
  fragment OkrChainStepFields on WorkItem {
    id
    iid
    reference(full: true)
    webUrl
    title
    state
    workItemType {
      name
    }
  }
`;

/**
 * The weight widget: the item's own weight and, for an epic, the weight GitLab rolls up from its
 * descendants and the part of it that is closed (GitLab's epic progress bar). `rolledUpWeight`
 * came in GitLab 17.2 and `rolledUpCompletedWeight` in 17.3 (schema notes).
 */
function weightSelection(capabilities: Capabilities): string {
  const rolledUp = [
    capabilities.has('rolledUpWeight') ? 'rolledUpWeight' : '',
    capabilities.has('rolledUpCompletedWeight') ? 'rolledUpCompletedWeight' : '',
  ].filter(Boolean);
  return `... on WorkItemWidgetWeight {
        weight${rolledUp.map((field) => `\n        ${field}`).join('')}
      }`;
}

/**
 * Custom field values (GitLab 17.9, schema note; the widget type does not exist before): each
 * field's id and name, and a number field's value. The carrier settings say which names hold a
 * key result's start, current and target.
 */
function customFieldsSelection(capabilities: Capabilities): string {
  if (!capabilities.has('customFields')) return '';
  return `... on WorkItemWidgetCustomFields {
        customFieldValues {
          customField {
            id
            name
          }
          ... on WorkItemNumberFieldValue {
            value
          }
        }
      }`;
}

/**
 * How many of an item's descendants of each type are closed (GitLab 17.3, schema note): GitLab's
 * epic progress bar counts closed issues when they carry no weight.
 */
function rolledUpCountsSelection(capabilities: Capabilities): string {
  if (!capabilities.has('rolledUpCounts')) return '';
  return `rolledUpCountsByType {
                workItemType {
                  name
                }
                countsByState {
                  all
                  closed
                }
              }`;
}

/**
 * Everything the domain scores and checks on one node: progress, health, DRI, quarter, dates
 * (`updatedAt` tells a child's stale health without its notes), description (for `okr` scoring
 * blocks and task counts), labels, whether it has children, and its "relates to" linked items
 * with their descriptions (a key result may be scored from their task lists). Also, where the
 * version has them, the weight widget (an epic's rolled-up weight is GitLab's progress bar) and
 * the custom number fields (a key result's Start / Current / Target on the epics carrier).
 */
function okrNodeFields(capabilities: Capabilities): string {
  return /* GraphQL */ `
  fragment OkrNodeFields on WorkItem {
    id
    iid
    reference(full: true)
    webUrl
    title
    state
    createdAt
    updatedAt
    closedAt
    workItemType {
      name
    }
    widgets {
      __typename
      ... on WorkItemWidgetDescription {
        description
        taskCompletionStatus {
          count
          completedCount
        }
      }
      ... on WorkItemWidgetProgress {
        progress
        startValue
        currentValue
        endValue
        updatedAt
      }
      ... on WorkItemWidgetHealthStatus {
        healthStatus
      }
      ... on WorkItemWidgetAssignees {
        assignees(first: 10) {
          nodes {
            id
            username
            name
          }
        }
      }
      ... on WorkItemWidgetMilestone {
        milestone {
          id
          title
          startDate
          dueDate
        }
      }
      ... on WorkItemWidgetStartAndDueDate {
        startDate
        dueDate
      }
      ... on WorkItemWidgetLabels {
        labels(first: 20) {
          nodes {
            title
          }
        }
      }
      ... on WorkItemWidgetHierarchy {
        hasChildren
        hasParent
      }
      ${weightSelection(capabilities)}
      ${customFieldsSelection(capabilities)}
      ... on WorkItemWidgetLinkedItems {
        linkedItems(filter: RELATED, first: 20) {
          nodes {
            linkType
            workItemState
            workItem {
              id
              reference(full: true)
              webUrl
              title
              state
              workItemType {
                name
              }
              description
            }
          }
        }
      }
    }
  }
`;
}

/**
 * The newest notes of an item, as the Notes widget selection. `WorkItemWidgetNotes.notes` came
 * about GitLab 18.2; before it the notes are read through `discussions` (newest first, the
 * thread's first note: a system note or a comment is the first note of its own discussion).
 */
function notesSelection(
  capabilities: Capabilities,
  options: {
    last: number;
    filter?: 'ONLY_ACTIVITY' | 'ONLY_COMMENTS';
    /** false: no author; 'withBot': the author and whether GitLab says it is a bot. */
    author?: boolean | 'withBot';
    /** Names for a second selection beside another (`comments: notes(...)`). */
    alias?: { notes: string; discussions: string };
  },
): string {
  const filter = options.filter ? `filter: ${options.filter}, ` : '';
  const bot = options.author === 'withBot' ? '\n              bot' : '';
  const note = `body
            createdAt
            system${options.author === false ? '' : `\n            author {\n              username${bot}\n            }`}`;
  if (capabilities.has('workItemNotes')) {
    const name = options.alias ? `${options.alias.notes}: notes` : 'notes';
    return `... on WorkItemWidgetNotes {
        ${name}(${filter}last: ${options.last}) {
          nodes {
            ${note}
          }
        }
      }`;
  }
  const name = options.alias ? `${options.alias.discussions}: discussions` : 'discussions';
  return `... on WorkItemWidgetNotes {
        ${name}(${filter}sort: CREATED_DESC, first: ${options.last}) {
          nodes {
            notes(first: 1) {
              nodes {
                ${note}
              }
            }
          }
        }
      }`;
}

/** The recent notes of one item: system notes for health/progress changes, and comments. */
function recentNotesFragment(capabilities: Capabilities): string {
  return /* GraphQL */ `
  fragment OkrRecentNotes on WorkItem {
    widgets {
      __typename
      ${notesSelection(capabilities, { last: 30 })}
    }
  }
`;
}

/**
 * One item with everything its panel shows, in ONE request: the item, its ancestors (root
 * first, direct parent last, with their weight: an epic ancestor's score is GitLab's progress
 * bar), its direct children with their widgets, recent notes, how many of its descendants are
 * closed (an epic's progress without weights), and its linked items; a linked key result (on an
 * issue's page) comes with its own ancestors.
 */
function okrItemQuery(capabilities: Capabilities): string {
  return /* GraphQL */ `
    query OkrItemQuery($fullPath: ID!, $iid: String!) {
      namespace(fullPath: $fullPath) {
        id
        fullPath
        workItem(iid: $iid) {
          ...OkrNodeFields
          ...OkrRecentNotes
          widgets {
            __typename
            ... on WorkItemWidgetHierarchy {
              ${rolledUpCountsSelection(capabilities)}
              ancestors(first: 10) {
                nodes {
                  ...OkrLinkFields
                  widgets {
                    __typename
                    ${weightSelection(capabilities)}
                  }
                }
              }
              children(first: 100) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                nodes {
                  ...OkrNodeFields
                }
              }
            }
            ... on WorkItemWidgetLinkedItems {
              linkedItems(filter: RELATED, first: 20) {
                nodes {
                  workItem {
                    ...OkrLinkFields
                    widgets {
                      __typename
                      ... on WorkItemWidgetHierarchy {
                        ancestors(first: 10) {
                          nodes {
                            ...OkrChainStepFields
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    ${okrNodeFields(capabilities)}
    ${OkrLinkFields}
    ${OkrChainStepFields}
    ${recentNotesFragment(capabilities)}
  `;
}

/**
 * One objective (or key result epic) of a tree level with its direct children: the body of the
 * level queries.
 */
const OkrLevelItemFields = /* GraphQL */ `
  fragment OkrLevelItemFields on WorkItem {
    id
    iid
    widgets {
      __typename
      ... on WorkItemWidgetHierarchy {
        hasChildren
        children(first: 100) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...OkrNodeFields
          }
        }
      }
    }
  }
`;

/**
 * The next level of an objective tree: the given objectives (by iid, up to 100, all in one
 * namespace) with their direct children. `iids` filters make GitLab skip the page-size
 * complexity multiplier, which keeps this inside the limit. `namespace` answers for groups
 * (epics) and projects from GitLab 18.1 (`Namespace.workItems`); before it, projects list their
 * items (`Project.workItems`, GitLab 15.1+) and groups theirs (`Group.workItems`, epics).
 */
function okrDescendantsQuery(
  name: string,
  root: 'namespace' | 'project' | 'group',
  capabilities: Capabilities,
): string {
  return /* GraphQL */ `
  query ${name}($fullPath: ID!, $iids: [String!]!) {
    ${root}(fullPath: $fullPath) {
      id
      workItems(iids: $iids, first: 100) {
        nodes {
          ...OkrLevelItemFields
        }
      }
    }
  }
  ${OkrLevelItemFields}
  ${okrNodeFields(capabilities)}
`;
}

/** Where a list query starts: `namespace` (GitLab 18.1+ for lists) or a project or group. */
type ListRoot = 'namespace' | 'project' | 'group';

/**
 * The work item types of a namespace (`Namespace.workItemTypes`, GitLab 17.2) or, before 17.2, of
 * a project: to find Objective and Key Result and their child types, and which type of a project
 * may go under an epic (GitLab's own Key Result may not: its parent is an Objective).
 */
function workItemTypesQuery(name: string, root: 'namespace' | 'project'): string {
  return /* GraphQL */ `
  query ${name}($fullPath: ID!) {
    ${root}(fullPath: $fullPath) {
      id
      workItemTypes {
        nodes {
          id
          name
          widgetDefinitions {
            type
            ... on WorkItemWidgetDefinitionHierarchy {
              allowedChildTypes {
                nodes {
                  id
                  name
                }
              }
              allowedParentTypes {
                nodes {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`;
}

export const WorkItemTypesQuery = workItemTypesQuery('WorkItemTypesQuery', 'namespace');
export const ProjectWorkItemTypesQuery = workItemTypesQuery('ProjectWorkItemTypesQuery', 'project');

/**
 * Label searches carrier detection runs (issue 12's conventions): `okr` finds `okr:o`, `okr:kr`,
 * `okr::objective`, `OKR` and the quarter labels `okrq:…`; `objective` and `key` find the
 * handbook's `Objective` and `Key Result` beside `OKR`. Group labels of the group and its
 * subgroups (project labels stay out: a team's OKR labels are group labels, as epics need).
 */
const DETECTION_LABEL_SEARCHES = [
  labelSearch('okrLabels', 'okr', 100),
  labelSearch('objectiveLabels', 'objective', 20),
  labelSearch('keyResultLabels', 'key', 20),
].join('');

/** One search of a group's labels (and its subgroups') by title, under an alias. */
function labelSearch(alias: string, term: string, first: number): string {
  return `
    ${alias}: labels(searchTerm: "${term}", searchIn: [TITLE], includeDescendantGroups: true, first: ${first}) {
      nodes {
        title
      }
    }`;
}

/**
 * Carrier detection, first look (lib/services/detect-carrier.ts): the work item types of the
 * namespace asked about (a project's custom types live there), the top-level group's OKR-like
 * labels, and how many items of GitLab's own Objective and Key Result types the group holds (`Group.workItems`, 16.3). Types come from `Namespace.workItemTypes`
 * (17.2) or, before it, `Project.workItemTypes` (a group path answers `project: null`).
 */
function detectCarrierSurveyQuery(capabilities: Capabilities): string {
  const typesRoot = capabilities.has('namespaceWorkItemTypes') ? 'namespace' : 'project';
  return /* GraphQL */ `
  query DetectCarrierSurveyQuery($fullPath: ID!, $groupPath: ID!) {
    ${typesRoot}(fullPath: $fullPath) {
      id
      workItemTypes {
        nodes {
          id
          name
        }
      }
    }
    group(fullPath: $groupPath) {
      id
      fullPath
      name${DETECTION_LABEL_SEARCHES}
      objectives: workItems(types: [OBJECTIVE], includeDescendants: true) {
        count
      }
      keyResults: workItems(types: [KEY_RESULT], includeDescendants: true) {
        count
      }
    }
  }
`;
}

/**
 * Carrier detection, second look, from what the first found: how many epics carry an objective
 * label set (and a sample of them with their children's types and labels, which tells key
 * results apart: issues, custom "Key result" items, labelled epics), how many items carry a
 * key-result label set or a key-result type, and the same counts in the newest quarter label.
 * Each part is sent only when the first look found what it filters by (`@include`).
 */
export const DetectCarrierSampleQuery = /* GraphQL */ `
  query DetectCarrierSampleQuery(
    $groupPath: ID!
    $objectiveLabels: [String!]!
    $keyResultLabels: [String!]!
    $quarterObjectiveLabels: [String!]!
    $quarterKeyResultLabels: [String!]!
    $keyResultTypeIds: [WorkItemsTypeID!]!
    $withObjectives: Boolean!
    $withKeyResultLabels: Boolean!
    $withQuarterObjectives: Boolean!
    $withQuarterKeyResults: Boolean!
    $withKeyResultTypes: Boolean!
  ) {
    group(fullPath: $groupPath) {
      id
      objectives: workItems(
        types: [EPIC]
        labelName: $objectiveLabels
        includeDescendants: true
        first: 10
      ) @include(if: $withObjectives) {
        count
        nodes {
          id
          widgets {
            __typename
            ... on WorkItemWidgetHierarchy {
              children(first: 20) {
                nodes {
                  id
                  workItemType {
                    id
                    name
                  }
                  widgets {
                    __typename
                    ... on WorkItemWidgetLabels {
                      labels(first: 20) {
                        nodes {
                          title
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      keyResults: workItems(labelName: $keyResultLabels, includeDescendants: true)
        @include(if: $withKeyResultLabels) {
        count
      }
      typedKeyResults: workItems(workItemTypeIds: $keyResultTypeIds, includeDescendants: true)
        @include(if: $withKeyResultTypes) {
        count
      }
      quarterObjectives: workItems(
        types: [EPIC]
        labelName: $quarterObjectiveLabels
        includeDescendants: true
      ) @include(if: $withQuarterObjectives) {
        count
      }
      quarterKeyResults: workItems(labelName: $quarterKeyResultLabels, includeDescendants: true)
        @include(if: $withQuarterKeyResults) {
        count
      }
    }
  }
`;

/**
 * Open objectives one DRI holds in one milestone (the "too many objectives" rule), in a namespace
 * and below (`Namespace.workItems`, GitLab 18.1) or, before 18.1, in the item's project.
 */
function driObjectivesQuery(name: string, root: 'namespace' | 'project'): string {
  return /* GraphQL */ `
  query ${name}(
    $fullPath: ID!
    $username: String!
    $milestoneTitle: String!
    $after: String
  ) {
    ${root}(fullPath: $fullPath) {
      id
      workItems(
        types: [OBJECTIVE]
        state: opened
        assigneeUsernames: [$username]
        milestoneTitle: [$milestoneTitle]${root === 'namespace' ? '\n        includeDescendants: true' : ''}
        first: 100
        after: $after
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...OkrLinkFields
          widgets {
            __typename
            ... on WorkItemWidgetMilestone {
              milestone {
                id
                title
                startDate
                dueDate
              }
            }
            ... on WorkItemWidgetAssignees {
              assignees(first: 10) {
                nodes {
                  id
                  username
                  name
                }
              }
            }
          }
        }
      }
    }
  }
  ${OkrLinkFields}
`;
}

export const DriObjectivesQuery = driObjectivesQuery('DriObjectivesQuery', 'namespace');
export const ProjectDriObjectivesQuery = driObjectivesQuery('ProjectDriObjectivesQuery', 'project');

/**
 * The children of a parent (at most 100 per objective), to find a key result an earlier,
 * unclear attempt already created before a retry creates it again.
 */
export const FindChildByTitleQuery = /* GraphQL */ `
  query FindChildByTitleQuery($parentId: WorkItemID!) {
    workItem(id: $parentId) {
      id
      widgets {
        __typename
        ... on WorkItemWidgetHierarchy {
          children(first: 100) {
            nodes {
              ...OkrLinkFields
              createdAt
            }
          }
        }
      }
    }
  }
  ${OkrLinkFields}
`;

/** Creates a key result (or any work item) from a full `WorkItemCreateInput`. */
export const CreateKeyResultMutation = /* GraphQL */ `
  mutation CreateKeyResultMutation($input: WorkItemCreateInput!) {
    workItemCreate(input: $input) {
      errors
      workItem {
        ...OkrLinkFields
        createdAt
      }
    }
  }
  ${OkrLinkFields}
`;

/** Sets start, current and target values (GitLab has no progress widget on create). */
export const UpdateProgressMutation = /* GraphQL */ `
  mutation UpdateProgressMutation(
    $id: WorkItemID!
    $currentValue: Int!
    $startValue: Int
    $endValue: Int
  ) {
    workItemUpdate(
      input: {
        id: $id
        progressWidget: {
          currentValue: $currentValue
          startValue: $startValue
          endValue: $endValue
        }
      }
    ) {
      errors
      workItem {
        id
        widgets {
          __typename
          ... on WorkItemWidgetProgress {
            progress
            startValue
            currentValue
            endValue
            updatedAt
          }
        }
      }
    }
  }
`;

/**
 * Sets custom field values (GitLab 17.10+, `customFieldsWidget`): a key result's start, current
 * and target kept in number fields, set again after a create whose answer was lost.
 */
export const UpdateCustomFieldsMutation = /* GraphQL */ `
  mutation UpdateCustomFieldsMutation(
    $id: WorkItemID!
    $values: [WorkItemWidgetCustomFieldValueInputType!]!
  ) {
    workItemUpdate(input: { id: $id, customFieldsWidget: $values }) {
      errors
      workItem {
        id
      }
    }
  }
`;

/**
 * The number custom fields of a top-level group (where GitLab defines them, 17.5+) with the types
 * each is attached to: where a key result's start, current and target go on create.
 */
export const GroupNumberFieldsQuery = /* GraphQL */ `
  query GroupNumberFieldsQuery($fullPath: ID!) {
    group(fullPath: $fullPath) {
      id
      customFields(active: true, fieldType: NUMBER, first: 50) {
        nodes {
          id
          name
          workItemTypes {
            id
            name
          }
        }
      }
    }
  }
`;

/**
 * Labels a group's items may carry (its own and its ancestors'), 100 a page: the key-result and
 * quarter labels a new key result gets when the group has them.
 */
export const GroupLabelsQuery = /* GraphQL */ `
  query GroupLabelsQuery($fullPath: ID!, $after: String) {
    group(fullPath: $fullPath) {
      id
      labels(includeAncestorGroups: true, first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          title
        }
      }
    }
  }
`;

/** Adds a comment (the check-in comment; a quick action such as `/checkin_reminder weekly`). */
export const CreateNoteMutation = /* GraphQL */ `
  mutation CreateNoteMutation($noteableId: NoteableID!, $body: String!) {
    createNote(input: { noteableId: $noteableId, body: $body }) {
      errors
      note {
        id
        body
        createdAt
      }
    }
  }
`;

/**
 * The same with `quickActionsStatus` (GitLab 17.7+), which says which commands GitLab ran: a
 * command it does not offer stays in the comment as text without any error
 * (app/graphql/mutations/notes/create/base.rb).
 */
export const CreateNoteWithStatusMutation = /* GraphQL */ `
  mutation CreateNoteWithStatusMutation($noteableId: NoteableID!, $body: String!) {
    createNote(input: { noteableId: $noteableId, body: $body }) {
      errors
      note {
        id
        body
        createdAt
      }
      quickActionsStatus {
        commandNames
        messages
        errorMessages
      }
    }
  }
`;

/** Deletes a comment (one GitLab kept as text when it did not run its quick action). */
export const DestroyNoteMutation = /* GraphQL */ `
  mutation DestroyNoteMutation($id: NoteID!) {
    destroyNote(input: { id: $id }) {
      errors
    }
  }
`;

/**
 * What the stale-health watch judges of one OKR: health, progress, the recent *activity* (system
 * notes only, so comments never push the last health change out of the page) and, on their own
 * page, the recent comments (a check-in that changed nothing leaves only its comment), each with
 * its author (GitLab's automation bot writes parent roll-ups), the DRI, and the parent chain the
 * popup shows (root first, each with `hasParent` to tell a cut chain). Two `notes` side by side
 * stay within GitLab's recursion rule: it counts a field along one branch, not beside itself.
 *
 * What tells an item's carrier kind (lib/gitlab/carriers/conventions.ts `classify`): its type and
 * labels, and its direct parent's type and labels (an issue under an objective epic is a key
 * result). The parent's `widgets` is the second on its branch, the most GitLab allows.
 */
function staleWatchFields(capabilities: Capabilities): string {
  return /* GraphQL */ `
  fragment StaleWatchFields on WorkItem {
    id
    reference(full: true)
    webUrl
    title
    state
    createdAt
    workItemType {
      name
    }
    widgets {
      __typename
      ... on WorkItemWidgetProgress {
        progress
        startValue
        currentValue
        endValue
        updatedAt
      }
      ... on WorkItemWidgetHealthStatus {
        healthStatus
      }
      ... on WorkItemWidgetAssignees {
        assignees(first: 10) {
          nodes {
            username
            name
          }
        }
      }
      ... on WorkItemWidgetLabels {
        labels(first: 20) {
          nodes {
            title
          }
        }
      }
      ${notesSelection(capabilities, { last: 20, filter: 'ONLY_ACTIVITY', author: 'withBot' })}
      ${notesSelection(capabilities, {
        last: 10,
        filter: 'ONLY_COMMENTS',
        author: 'withBot',
        alias: { notes: 'comments', discussions: 'commentThreads' },
      })}
      ... on WorkItemWidgetHierarchy {
        hasParent
        parent {
          id
          reference(full: true)
          workItemType {
            name
          }
          widgets {
            __typename
            ... on WorkItemWidgetLabels {
              labels(first: 20) {
                nodes {
                  title
                }
              }
            }
          }
        }
        ancestors(first: 10) {
          nodes {
            id
            reference(full: true)
            webUrl
            title
            workItemType {
              name
            }
            widgets {
              __typename
              ... on WorkItemWidgetHierarchy {
                hasParent
              }
            }
          }
        }
      }
    }
  }
`;
}

/**
 * The token user's open objectives and key results on the whole instance, 100 a page: one
 * request per 100 items, no namespace to guess. `CurrentUser.workItems` exists from GitLab 17.10.
 */
function myStaleWatchQuery(capabilities: Capabilities): string {
  return /* GraphQL */ `
    query MyStaleWatchQuery($username: String!, $after: String) {
      currentUser {
        id
        ${openOkrPage('assigneeUsernames: [$username]')}
      }
    }
    ${staleWatchFields(capabilities)}
  `;
}

/** One page of open objectives and key results, 100 at a time, with the watch's fields. */
function openOkrPage(filters: string): string {
  return openItemPage(`types: [OBJECTIVE, KEY_RESULT]
          ${filters}`);
}

/** One page of open work items of any type, 100 at a time, with the watch's fields. */
function openItemPage(filters: string): string {
  return workItemsPage(
    `state: opened
          ${filters}`,
    '...StaleWatchFields',
  );
}

/**
 * One page of a list of work items, 100 at a time (`$after` the cursor), with its page info:
 * every list OKR Lens pages through has this shape; `filters` and the node selection differ.
 */
function workItemsPage(filters: string, nodeFields: string): string {
  return `workItems(
          ${filters}
          first: 100
          after: $after
        ) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ${nodeFields}
          }
        }`;
}

/** A quarter list's node: what the domain scores, and its parent's id (to find the top ones). */
const QUARTER_NODE_FIELDS = `...OkrNodeFields
            widgets {
              __typename
              ... on WorkItemWidgetHierarchy {
                parent {
                  id
                }
              }
            }`;

/**
 * Open objectives and key results in a namespace and its descendants, 100 a page: a watched
 * namespace (everyone's, no assignee filter) or, on a GitLab older than 17.10, where to look
 * for the user's own (`$assignees`). `Namespace.workItems` exists from GitLab 18.1; before it a
 * group (with its subgroups and projects) or a project is listed instead.
 */
function staleWatchListQuery(name: string, root: ListRoot, capabilities: Capabilities): string {
  const filters = `assigneeUsernames: $assignees${root === 'project' ? '' : '\n          includeDescendants: true'}`;
  return /* GraphQL */ `
  query ${name}($fullPath: ID!, $assignees: [String!], $after: String) {
    ${root}(fullPath: $fullPath) {
      id
      ${openOkrPage(filters)}
    }
  }
  ${staleWatchFields(capabilities)}
`;
}

/**
 * The token user's open work items where OKRs are kept as epics, labelled issues or custom types
 * (the carrier settings, lib/settings.ts `carrierChoicesItem`), 100 a page: on the whole instance
 * (`CurrentUser.workItems`, GitLab 17.10) when a carrier is chosen for every group (`*`). Tasks
 * are left out (`not: { types: [TASK] }`); no label filter: an issue is a key result by its parent
 * epic's labels, which no filter reaches, and a custom type has no `types` value to ask for
 * (`workItemTypeIds`, its only filter, needs its id looked up and excludes `types`). `classify`
 * tells objectives and key results from the rest on the client.
 */
function myCarrierWatchQuery(capabilities: Capabilities): string {
  return /* GraphQL */ `
    query MyCarrierWatchQuery($username: String!, $after: String) {
      currentUser {
        id
        ${openItemPage(CARRIER_FILTERS)}
      }
    }
    ${staleWatchFields(capabilities)}
  `;
}

/** The carrier lists' filters: the user's items, tasks left out. */
const CARRIER_FILTERS = `assigneeUsernames: [$username]
          not: { types: [TASK] }`;

/**
 * The same in one group configured for a carrier, its subgroups and projects included
 * (`Namespace.workItems`, GitLab 18.1; before it `Group.workItems`, 16.3).
 */
function carrierWatchListQuery(
  name: string,
  root: 'namespace' | 'group',
  capabilities: Capabilities,
): string {
  return /* GraphQL */ `
  query ${name}($fullPath: ID!, $username: String!, $after: String) {
    ${root}(fullPath: $fullPath) {
      id
      ${openItemPage(`${CARRIER_FILTERS}
          includeDescendants: true`)}
    }
  }
  ${staleWatchFields(capabilities)}
`;
}

/**
 * The history of up to 10 items at once (GitLab's `workItemsByReference` takes no more; it
 * accepts their URLs): the recorded activity (health, progress and custom-field changes) and
 * the comments (check-ins, and the latest word a report quotes), each with its author so
 * GitLab's automation is told apart, and the progress scale the values are read on.
 */
function itemHistoryQuery(capabilities: Capabilities): string {
  return /* GraphQL */ `
  query ItemHistoryQuery($contextNamespacePath: ID!, $refs: [String!]!) {
    workItemsByReference(contextNamespacePath: $contextNamespacePath, refs: $refs) {
      nodes {
        id
        webUrl
        widgets {
          __typename
          ... on WorkItemWidgetProgress {
            startValue
            endValue
          }
          ${notesSelection(capabilities, { last: 50, filter: 'ONLY_ACTIVITY', author: 'withBot' })}
          ${notesSelection(capabilities, {
            last: 10,
            filter: 'ONLY_COMMENTS',
            author: 'withBot',
            alias: { notes: 'comments', discussions: 'commentThreads' },
          })}
        }
      }
    }
  }
`;
}

/**
 * One page of a scope's objectives in one quarter (milestone), 100 at a time, for the quarter
 * map: each with everything the domain scores (`OkrNodeFields`) and its parent's id, so the map
 * can tell the scope's top objectives (no parent, or a parent outside the list) from objectives
 * it will meet again as descendants. Their descendants come level by level through
 * `OkrDescendantsQuery`. `Namespace.workItems` exists from GitLab 18.1; before it a group (with
 * its subgroups and projects) or a project is listed instead.
 */
function quarterObjectivesQuery(name: string, root: ListRoot, capabilities: Capabilities): string {
  return /* GraphQL */ `
  query ${name}($fullPath: ID!, $milestoneTitle: String!, $after: String) {
    ${root}(fullPath: $fullPath) {
      id
      ${workItemsPage(
        `types: [OBJECTIVE]
          milestoneTitle: [$milestoneTitle]${root === 'project' ? '' : '\n          includeDescendants: true'}`,
        QUARTER_NODE_FIELDS,
      )}
    }
  }
  ${okrNodeFields(capabilities)}
`;
}

/**
 * The same for a scope that keeps its objectives as epics (the epics carrier): one page of its
 * epics with the quarter's label or milestone (`$labelName` / `$milestoneTitle`, the other null),
 * each with its parent's id; `classify` tells objectives from key result epics on the client.
 * Epics live in groups: `Namespace.workItems` from GitLab 18.1, `Group.workItems` before it.
 */
function quarterEpicsQuery(
  name: string,
  root: 'namespace' | 'group',
  capabilities: Capabilities,
): string {
  return /* GraphQL */ `
  query ${name}(
    $fullPath: ID!
    $labelName: [String!]
    $milestoneTitle: [String!]
    $after: String
  ) {
    ${root}(fullPath: $fullPath) {
      id
      ${workItemsPage(
        `types: [EPIC]
          labelName: $labelName
          milestoneTitle: $milestoneTitle
          includeDescendants: true`,
        QUARTER_NODE_FIELDS,
      )}
    }
  }
  ${okrNodeFields(capabilities)}
`;
}

/**
 * The labels on a scope's epics, 100 epics a page: where the quarter switcher finds the quarter
 * labels (`okrq:FY24-Q2`) of a scope that names its quarters by label.
 */
function epicLabelsQuery(name: string, root: 'namespace' | 'group'): string {
  return /* GraphQL */ `
  query ${name}($fullPath: ID!, $after: String) {
    ${root}(fullPath: $fullPath) {
      id
      ${workItemsPage(
        `types: [EPIC]
          includeDescendants: true`,
        `id
            widgets {
              __typename
              ... on WorkItemWidgetLabels {
                labels(first: 20) {
                  nodes {
                    title
                  }
                }
              }
            }`,
      )}
    }
  }
`;
}

export const NamespaceEpicLabelsQuery = epicLabelsQuery('NamespaceEpicLabelsQuery', 'namespace');
export const GroupEpicLabelsQuery = epicLabelsQuery('GroupEpicLabelsQuery', 'group');

/**
 * The milestones a scope can show a quarter for, 100 a page, open and closed (GitLab lists every
 * state when `state` is not given): a group's own, its subgroups' and projects' and its
 * ancestors'; a project's own and its groups'. Group.milestones(includeAncestors,
 * includeDescendants) and Project.milestones(includeAncestors) are older than GitLab 17.0
 * (app/graphql/resolvers/group_milestones_resolver.rb, project_milestones_resolver.rb).
 * Newest due date first (GitLab's default is the oldest first, `milestones_resolver.rb`), so
 * when a big group's descendants hold more milestones than OKR Lens pages through, the ones left
 * out are the oldest, not this quarter's.
 */
function scopeMilestonesQuery(name: string, root: 'group' | 'project'): string {
  const reach =
    root === 'group'
      ? 'includeAncestors: true, includeDescendants: true'
      : 'includeAncestors: true';
  return /* GraphQL */ `
  query ${name}($fullPath: ID!, $after: String) {
    ${root}(fullPath: $fullPath) {
      id
      milestones(${reach}, sort: DUE_DATE_DESC, first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          title
          startDate
          dueDate
        }
      }
    }
  }
`;
}

export const GroupMilestonesQuery = scopeMilestonesQuery('GroupMilestonesQuery', 'group');
export const ProjectMilestonesQuery = scopeMilestonesQuery('ProjectMilestonesQuery', 'project');

/**
 * A quick check-in in one write: health status and the current value (progress for a key
 * result without start and target) together.
 */
export const CheckInMutation = /* GraphQL */ `
  mutation CheckInMutation(
    $id: WorkItemID!
    $healthStatus: HealthStatus
    $progress: WorkItemWidgetProgressInput
  ) {
    workItemUpdate(
      input: {
        id: $id
        healthStatusWidget: { healthStatus: $healthStatus }
        progressWidget: $progress
      }
    ) {
      errors
      workItem {
        id
        widgets {
          __typename
          ... on WorkItemWidgetHealthStatus {
            healthStatus
          }
          ... on WorkItemWidgetProgress {
            progress
            startValue
            currentValue
            endValue
            updatedAt
          }
        }
      }
    }
  }
`;

/**
 * A check-in on an item that keeps its values in custom fields (an issue, an epic, a custom
 * "Key result" type; GitLab 17.10+): health status and the Current field in one write. GitLab
 * writes "changed Current to 12" when the number changes.
 */
export const CheckInCustomFieldMutation = /* GraphQL */ `
  mutation CheckInCustomFieldMutation(
    $id: WorkItemID!
    $healthStatus: HealthStatus
    $values: [WorkItemWidgetCustomFieldValueInputType!]
  ) {
    workItemUpdate(
      input: {
        id: $id
        healthStatusWidget: { healthStatus: $healthStatus }
        customFieldsWidget: $values
      }
    ) {
      errors
      workItem {
        id
        widgets {
          __typename
          ... on WorkItemWidgetHealthStatus {
            healthStatus
          }
        }
      }
    }
  }
`;

/** The instance's version, asked once when GitLab refuses a field (./capabilities.ts). */
export const VersionQuery = /* GraphQL */ `
  query VersionQuery {
    metadata {
      version
    }
  }
`;

/**
 * Every document OKR Lens may send to a GitLab with these capabilities, by operation name. An
 * operation keeps its name on every version; only its fields differ.
 */
export function documentsFor(capabilities: Capabilities) {
  return {
    VersionQuery,
    OkrItemQuery: okrItemQuery(capabilities),
    OkrDescendantsQuery: okrDescendantsQuery('OkrDescendantsQuery', 'namespace', capabilities),
    OkrDescendantsInProjectQuery: okrDescendantsQuery(
      'OkrDescendantsInProjectQuery',
      'project',
      capabilities,
    ),
    OkrDescendantsInGroupQuery: okrDescendantsQuery(
      'OkrDescendantsInGroupQuery',
      'group',
      capabilities,
    ),
    WorkItemTypesQuery,
    ProjectWorkItemTypesQuery,
    DetectCarrierSurveyQuery: detectCarrierSurveyQuery(capabilities),
    DetectCarrierSampleQuery,
    DriObjectivesQuery,
    ProjectDriObjectivesQuery,
    FindChildByTitleQuery,
    CreateKeyResultMutation,
    UpdateProgressMutation,
    CreateNoteMutation,
    CreateNoteWithStatusMutation,
    DestroyNoteMutation,
    MyStaleWatchQuery: myStaleWatchQuery(capabilities),
    NamespaceStaleWatchQuery: staleWatchListQuery(
      'NamespaceStaleWatchQuery',
      'namespace',
      capabilities,
    ),
    GroupStaleWatchQuery: staleWatchListQuery('GroupStaleWatchQuery', 'group', capabilities),
    ProjectStaleWatchQuery: staleWatchListQuery('ProjectStaleWatchQuery', 'project', capabilities),
    MyCarrierWatchQuery: myCarrierWatchQuery(capabilities),
    NamespaceCarrierWatchQuery: carrierWatchListQuery(
      'NamespaceCarrierWatchQuery',
      'namespace',
      capabilities,
    ),
    GroupCarrierWatchQuery: carrierWatchListQuery('GroupCarrierWatchQuery', 'group', capabilities),
    CheckInMutation,
    ItemHistoryQuery: itemHistoryQuery(capabilities),
    NamespaceQuarterObjectivesQuery: quarterObjectivesQuery(
      'NamespaceQuarterObjectivesQuery',
      'namespace',
      capabilities,
    ),
    GroupQuarterObjectivesQuery: quarterObjectivesQuery(
      'GroupQuarterObjectivesQuery',
      'group',
      capabilities,
    ),
    ProjectQuarterObjectivesQuery: quarterObjectivesQuery(
      'ProjectQuarterObjectivesQuery',
      'project',
      capabilities,
    ),
    NamespaceQuarterEpicsQuery: quarterEpicsQuery(
      'NamespaceQuarterEpicsQuery',
      'namespace',
      capabilities,
    ),
    GroupQuarterEpicsQuery: quarterEpicsQuery('GroupQuarterEpicsQuery', 'group', capabilities),
    NamespaceEpicLabelsQuery,
    GroupEpicLabelsQuery,
    GroupMilestonesQuery,
    ProjectMilestonesQuery,
    UpdateCustomFieldsMutation,
    GroupNumberFieldsQuery,
    GroupLabelsQuery,
    CheckInCustomFieldMutation,
  } as const;
}

export type OperationName = keyof ReturnType<typeof documentsFor>;

/** The documents for the newest GitLab (what an instance of unknown version is sent first). */
export const operations = documentsFor(NEWEST);

export const {
  OkrItemQuery,
  OkrDescendantsQuery,
  OkrDescendantsInProjectQuery,
  MyStaleWatchQuery,
  NamespaceStaleWatchQuery,
} = operations;

/** The node fragment for the newest GitLab (the benchmark's baseline reuses it). */
export const OkrNodeFields = okrNodeFields(NEWEST);

/** The recent-notes fragment for the newest GitLab (the benchmark's baseline reuses it). */
export const OkrRecentNotes = recentNotesFragment(NEWEST);
