// The quick-create's view of GitLab, on the adapter: the parent with its children, the Key Result
// type, the create and value update, the look-up a retry makes first, and the DRI and milestone
// pickers (REST ids turned into the global ids GraphQL takes).
import type { GitLabClient } from '../gitlab/client';
import {
  groupLabels,
  groupNumberFields,
  updateCustomFields,
  workItemTypesOf,
  writesCustomFields,
} from '../gitlab/carrier-writes';
import { isGitLabError } from '../gitlab/errors';
import {
  createKeyResult,
  findRecentChildByTitle,
  loadItemTree,
  resolveOkrTypes,
  updateProgress,
  type CreatedItem as RepositoryItem,
} from '../gitlab/okr-repository';
import type { CreatedItem, MilestoneOption, ParentSnapshot } from '../messages';
import type { KeyResultGateway } from './create-key-results';

const userGid = (id: number) => `gid://gitlab/User/${id}`;
const milestoneGid = (id: number) => `gid://gitlab/Milestone/${id}`;

function createdOf(item: RepositoryItem): CreatedItem {
  return { id: item.id, reference: item.reference, url: item.url, title: item.title };
}

export function keyResultGateway(client: GitLabClient): KeyResultGateway {
  return {
    async loadParent(ref, settings) {
      // Direct children only: the count and titles are all the form and its checks need.
      const tree = await loadItemTree(client, ref, { maxDepth: 1, carrier: settings });
      const item = tree.item;
      const milestone: MilestoneOption | null = item.milestone?.id
        ? {
            id: item.milestone.id,
            title: item.milestone.title,
            startDate: item.milestone.startDate,
            dueDate: item.milestone.dueDate,
          }
        : null;
      const snapshot: ParentSnapshot = {
        id: item.id,
        reference: item.reference,
        url: item.url,
        title: item.title,
        kind: item.kind,
        state: item.state,
        milestone,
        children: item.children.map((child) => ({
          id: child.id,
          title: child.title,
          kind: child.kind,
          state: child.state,
        })),
        childrenIncomplete: item.childrenIncomplete === true,
        labels: item.labels,
      };
      return snapshot;
    },
    async issueProjects(groupPath) {
      const projects = await client.rest.groupIssueProjects(groupPath);
      return projects
        .filter((project) => project.archived !== true)
        .map((project) => ({ fullPath: project.path_with_namespace, name: project.name }));
    },
    typesOf: (namespacePath) => workItemTypesOf(client, namespacePath),
    // Fields are listed only where their values can be written (GitLab 17.10+).
    numberFields: async (topGroupPath) =>
      writesCustomFields(client) ? groupNumberFields(client, topGroupPath) : [],
    labels: (groupPath) => groupLabels(client, groupPath),
    writesCustomFields: () => writesCustomFields(client),
    async updateCustomFields(input) {
      await updateCustomFields(client, input);
    },
    async keyResultTypeId(namespacePath) {
      try {
        return (await resolveOkrTypes(client, namespacePath)).keyResult.id;
      } catch (error) {
        if (isGitLabError(error) && error.problem.kind === 'okrsUnavailable') return null;
        throw error;
      }
    },
    async createKeyResult(input) {
      return createdOf(await createKeyResult(client, input));
    },
    async updateProgress(input) {
      await updateProgress(client, input);
    },
    async findRecentChildByTitle(input) {
      const found = await findRecentChildByTitle(client, input);
      return found ? createdOf(found) : null;
    },
    async members(ref) {
      const members =
        ref.namespaceKind === 'project'
          ? await client.rest.projectMembers(ref.fullPath, '')
          : await client.rest.groupMembers(ref.fullPath, '');
      return members
        .filter((member) => member.state === undefined || member.state === 'active')
        .map((member) => ({ id: userGid(member.id), username: member.username, name: member.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async milestones(ref) {
      const list =
        ref.namespaceKind === 'project'
          ? await client.rest.projectMilestones(ref.fullPath)
          : await client.rest.groupMilestones(ref.fullPath);
      return list
        .map((milestone) => ({
          id: milestoneGid(milestone.id),
          title: milestone.title,
          startDate: milestone.start_date ?? null,
          dueDate: milestone.due_date ?? null,
          scope: milestone.group_id !== undefined ? ('group' as const) : ('project' as const),
        }))
        .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    },
  };
}
