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

/** What a step of a parent chain (or a linked key result) shows: title, state, health, progress. */
export const OkrLinkFields = /* GraphQL */ `
  fragment OkrLinkFields on WorkItem {
    id
    iid
    reference(full: true)
    webUrl
    title
    state
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
      }
      ... on WorkItemWidgetHierarchy {
        hasParent
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
 * Everything the domain scores and checks on one node: progress, health, DRI, quarter, dates,
 * description (for `okr` scoring blocks and task counts), labels, whether it has children,
 * and its "relates to" linked items with their descriptions (a key result may be scored from their
 * task lists).
 */
export const OkrNodeFields = /* GraphQL */ `
  fragment OkrNodeFields on WorkItem {
    id
    iid
    reference(full: true)
    webUrl
    title
    state
    createdAt
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

/** The recent notes of one item: system notes for health/progress changes, and comments. */
export const OkrRecentNotes = /* GraphQL */ `
  fragment OkrRecentNotes on WorkItem {
    widgets {
      __typename
      ... on WorkItemWidgetNotes {
        notes(last: 30) {
          nodes {
            body
            createdAt
            system
            author {
              username
            }
          }
        }
      }
    }
  }
`;

/**
 * One item with everything its panel shows, in ONE request: the item, its ancestors (root
 * first, direct parent last), its direct children with their widgets, recent notes, and its
 * linked items; a linked key result (on an issue's page) comes with its own ancestors.
 */
export const OkrItemQuery = /* GraphQL */ `
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
            ancestors(first: 10) {
              nodes {
                ...OkrLinkFields
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
  ${OkrNodeFields}
  ${OkrLinkFields}
  ${OkrChainStepFields}
  ${OkrRecentNotes}
`;

/** One objective of a tree level with its direct children: the body of both level queries. */
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
 * complexity multiplier, which keeps this inside the limit.
 */
export const OkrDescendantsQuery = /* GraphQL */ `
  query OkrDescendantsQuery($fullPath: ID!, $iids: [String!]!) {
    namespace(fullPath: $fullPath) {
      id
      workItems(iids: $iids, first: 100) {
        nodes {
          ...OkrLevelItemFields
        }
      }
    }
  }
  ${OkrLevelItemFields}
  ${OkrNodeFields}
`;

/**
 * The same level for GitLab before 18.1, where only projects list work items
 * (`Project.workItems`, GitLab 15.1+). Used when `Namespace.workItems` does not exist.
 */
export const OkrDescendantsInProjectQuery = /* GraphQL */ `
  query OkrDescendantsInProjectQuery($fullPath: ID!, $iids: [String!]!) {
    project(fullPath: $fullPath) {
      id
      workItems(iids: $iids, first: 100) {
        nodes {
          ...OkrLevelItemFields
        }
      }
    }
  }
  ${OkrLevelItemFields}
  ${OkrNodeFields}
`;

/** The work item types of a namespace, to find Objective and Key Result and their child types. */
export const WorkItemTypesQuery = /* GraphQL */ `
  query WorkItemTypesQuery($fullPath: ID!) {
    namespace(fullPath: $fullPath) {
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
            }
          }
        }
      }
    }
  }
`;

/** Open objectives one DRI holds in one milestone (the "too many objectives" rule). */
export const DriObjectivesQuery = /* GraphQL */ `
  query DriObjectivesQuery(
    $fullPath: ID!
    $username: String!
    $milestoneTitle: String!
    $after: String
  ) {
    namespace(fullPath: $fullPath) {
      id
      workItems(
        types: [OBJECTIVE]
        state: opened
        assigneeUsernames: [$username]
        milestoneTitle: [$milestoneTitle]
        includeDescendants: true
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

/** Adds a comment (quick actions such as `/checkin_reminder weekly` included). */
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
 * What the stale-health watch judges of one OKR: health, progress, the recent *activity* (system
 * notes only, so comments never push the last health change out of the page), the DRI, and the
 * parent chain the popup shows (root first, each with `hasParent` to tell a cut chain).
 */
export const StaleWatchFields = /* GraphQL */ `
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
          }
        }
      }
      ... on WorkItemWidgetNotes {
        notes(filter: ONLY_ACTIVITY, last: 20) {
          nodes {
            body
            createdAt
            system
          }
        }
      }
      ... on WorkItemWidgetHierarchy {
        hasParent
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

/**
 * The token user's open objectives and key results on the whole instance, 100 a page: one
 * request per 100 items, no namespace to guess. `CurrentUser.workItems` exists from GitLab 17.10.
 */
export const MyStaleWatchQuery = /* GraphQL */ `
  query MyStaleWatchQuery($username: String!, $after: String) {
    currentUser {
      id
      workItems(
        types: [OBJECTIVE, KEY_RESULT]
        state: opened
        assigneeUsernames: [$username]
        first: 100
        after: $after
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...StaleWatchFields
        }
      }
    }
  }
  ${StaleWatchFields}
`;

/**
 * Open objectives and key results in a namespace and its descendants, 100 a page: a watched
 * namespace (everyone's, no assignee filter) or, on a GitLab older than 17.10, where to look
 * for the user's own (`$assignees`). `Namespace.workItems` exists from GitLab 18.1.
 */
export const NamespaceStaleWatchQuery = /* GraphQL */ `
  query NamespaceStaleWatchQuery($fullPath: ID!, $assignees: [String!], $after: String) {
    namespace(fullPath: $fullPath) {
      id
      workItems(
        types: [OBJECTIVE, KEY_RESULT]
        state: opened
        assigneeUsernames: $assignees
        includeDescendants: true
        first: 100
        after: $after
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...StaleWatchFields
        }
      }
    }
  }
  ${StaleWatchFields}
`;

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

/** The operations, by name, for the validation test and for request accounting. */
export const operations = {
  OkrItemQuery,
  OkrDescendantsQuery,
  OkrDescendantsInProjectQuery,
  WorkItemTypesQuery,
  DriObjectivesQuery,
  FindChildByTitleQuery,
  CreateKeyResultMutation,
  UpdateProgressMutation,
  CreateNoteMutation,
  MyStaleWatchQuery,
  NamespaceStaleWatchQuery,
  CheckInMutation,
} as const;

export type OperationName = keyof typeof operations;
