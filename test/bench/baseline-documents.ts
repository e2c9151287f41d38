// The naive baseline's GraphQL documents: one work item per request, with the same node fields
// the extension reads (its own fragments), plus the parent and the children's references so the
// baseline can walk the tree one item at a time. Valid against GitLab's schema (unit-tested).
import { OkrNodeFields, OkrRecentNotes } from '../../lib/gitlab/documents';

/** Where to go next from an item: its parent and its children, as references only. */
const BaselineHierarchyFields = /* GraphQL */ `
  fragment BaselineHierarchyFields on WorkItem {
    widgets {
      __typename
      ... on WorkItemWidgetHierarchy {
        hasChildren
        hasParent
        parent {
          id
          iid
          reference(full: true)
        }
        children(first: 100, after: $childrenAfter) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            iid
            reference(full: true)
            workItemType {
              name
            }
          }
        }
      }
    }
  }
`;

/** The viewed item: its fields, recent notes (for staleness), parent and children. */
export const BaselineItemQuery = /* GraphQL */ `
  query BaselineItemQuery($fullPath: ID!, $iid: String!, $childrenAfter: String) {
    namespace(fullPath: $fullPath) {
      id
      workItem(iid: $iid) {
        ...OkrNodeFields
        ...OkrRecentNotes
        ...BaselineHierarchyFields
      }
    }
  }
  ${OkrNodeFields}
  ${OkrRecentNotes}
  ${BaselineHierarchyFields}
`;

/** Any other item of the tree (an ancestor or a descendant): its fields, parent and children. */
export const BaselineNodeQuery = /* GraphQL */ `
  query BaselineNodeQuery($fullPath: ID!, $iid: String!, $childrenAfter: String) {
    namespace(fullPath: $fullPath) {
      id
      workItem(iid: $iid) {
        ...OkrNodeFields
        ...BaselineHierarchyFields
      }
    }
  }
  ${OkrNodeFields}
  ${BaselineHierarchyFields}
`;

export const baselineOperations = { BaselineItemQuery, BaselineNodeQuery } as const;
