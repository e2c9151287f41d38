// The REST endpoints (`/api/v4`) the extension calls, in GitLab's JSON shapes: the instance's
// version, the token's user and the token itself, project and group milestones, and members for
// the DRI picker.
import { hasScope, insufficientScope, restRejection, type Caller } from './auth';
import { instanceMetadata } from './graphql';
import { type Milestone, type Namespace, type SandboxStore, type User } from './store';
import type { GitLabProfile } from './versions/profiles';

export interface RestAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RestRequest {
  method: string;
  /** Path after `/api/v4`, still URL-encoded (`/projects/gitlab-com%2Fgitlab-okrs/milestones`). */
  path: string;
  query: URLSearchParams;
  caller: Caller;
  baseUrl: string;
  /** The GitLab version the sandbox plays. */
  profile: GitLabProfile;
}

const NOT_FOUND: RestAnswer = { status: 404, body: { message: '404 Not Found' } };

/** GitLab's `UserBasic` entity, which the user and member answers extend. */
function userBasicJson(user: User, baseUrl: string) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: `${baseUrl}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    web_url: `${baseUrl}/${user.username}`,
  };
}

function userJson(store: SandboxStore, user: User, baseUrl: string) {
  return {
    ...userBasicJson(user, baseUrl),
    created_at: user.createdAt,
    bio: '',
    location: '',
    public_email: null,
    linkedin: '',
    twitter: '',
    discord: '',
    website_url: '',
    organization: 'GitLab',
    job_title: user.jobTitle,
    pronouns: null,
    bot: false,
    work_information: null,
    local_time: null,
    last_sign_in_at: store.nowIso(),
    confirmed_at: user.createdAt,
    last_activity_on: store.nowIso().slice(0, 10),
    email: `${user.username}@example.com`,
    theme_id: 1,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: store.nowIso(),
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: true,
    external: false,
    private_profile: false,
    commit_email: `${user.username}@example.com`,
  };
}

function milestoneJson(store: SandboxStore, m: Milestone, baseUrl: string) {
  const ns = store.namespace(m.namespacePath);
  const owner = ns?.kind === 'group' ? { group_id: ns.id } : { project_id: ns?.id };
  const today = store.nowIso().slice(0, 10);
  return {
    id: m.id,
    iid: m.iid,
    ...owner,
    title: m.title,
    description: m.description,
    state: m.state,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    due_date: m.dueDate,
    start_date: m.startDate,
    expired: m.dueDate !== null && m.dueDate < today,
    web_url:
      ns?.kind === 'group'
        ? `${baseUrl}/groups/${m.namespacePath}/-/milestones/${m.iid}`
        : `${baseUrl}/${m.namespacePath}/-/milestones/${m.iid}`,
  };
}

/** GitLab's offset pagination: `page`, `per_page` (default 20, max 100) and its headers. */
function paginate<T>(
  items: T[],
  query: URLSearchParams,
  baseUrl: string,
  path: string,
): RestAnswer {
  const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 20) || 20, 1), 100);
  const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {
    'X-Page': String(page),
    'X-Per-Page': String(perPage),
    'X-Total': String(items.length),
    'X-Total-Pages': String(totalPages),
    'X-Next-Page': page < totalPages ? String(page + 1) : '',
    'X-Prev-Page': page > 1 ? String(page - 1) : '',
  };
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `<${baseUrl}/api/v4${path}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [
    page < totalPages ? link(page + 1, 'next') : null,
    page > 1 ? link(page - 1, 'prev') : null,
    link(1, 'first'),
    link(totalPages, 'last'),
  ];
  headers.Link = links.filter(Boolean).join(', ');
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
}

/** `:id` is a numeric id or a URL-encoded full path. */
function namespaceParam(
  store: SandboxStore,
  raw: string,
  kind: Namespace['kind'],
): Namespace | undefined {
  const decoded = decodeURIComponent(raw);
  const found = /^\d+$/.test(decoded)
    ? store.namespaceById(Number(decoded))
    : store.namespace(decoded);
  return found?.kind === kind ? found : undefined;
}

export function handleRest(store: SandboxStore, req: RestRequest): RestAnswer {
  const { caller, query, baseUrl } = req;
  if (caller.kind === 'rejected') return restRejection(caller.reason);
  if (caller.kind === 'user' && !hasScope(caller, 'read_api')) return insufficientScope('read_api');
  if (req.method !== 'GET' && caller.kind === 'user' && !hasScope(caller, 'api'))
    return insufficientScope('api');
  const userId = caller.kind === 'user' ? caller.userId : null;
  const segments = req.path.split('/').filter(Boolean);

  if (req.method !== 'GET') return { status: 405, body: { message: '405 Method Not Allowed' } };

  // lib/api/version.rb answers the `metadata` query through API::Entities::Metadata (version,
  // revision, kas { enabled externalUrl externalK8sProxyUrl version }, enterprise) for a
  // signed-in caller.
  if (req.path === '/version') {
    if (caller.kind !== 'user') return restRejection('missing');
    return { status: 200, body: instanceMetadata(req.profile) };
  }
  if (req.path === '/user') {
    const user = userId === null ? undefined : store.users.get(userId);
    return user ? { status: 200, body: userJson(store, user, baseUrl) } : restRejection('missing');
  }
  if (req.path === '/personal_access_tokens/self') {
    if (caller.kind !== 'user') return restRejection('missing');
    const t = caller.token;
    return {
      status: 200,
      body: {
        id: [...store.tokens.keys()].indexOf(t.value) + 1,
        name: t.name,
        revoked: t.revoked,
        created_at: t.createdAt,
        description: null,
        scopes: t.scopes,
        user_id: t.userId,
        last_used_at: store.nowIso(),
        active: !t.revoked,
        expires_at: t.expiresAt,
      },
    };
  }

  const [collection, rawId, resource, sub] = segments;
  if (
    (collection === 'projects' || collection === 'groups') &&
    rawId &&
    resource === 'milestones' &&
    segments.length === 3
  ) {
    const ns = namespaceParam(store, rawId, collection === 'projects' ? 'project' : 'group');
    if (!ns || !store.canReadNamespace(userId, ns))
      return collection === 'projects'
        ? { status: 404, body: { message: '404 Project Not Found' } }
        : { status: 404, body: { message: '404 Group Not Found' } };
    const includeAncestors =
      query.get('include_ancestors') === 'true' ||
      query.get('include_parent_milestones') === 'true';
    let milestones = includeAncestors
      ? store.milestonesFor(ns)
      : [...store.milestones.values()].filter((m) => m.namespacePath === ns.fullPath);
    const state = query.get('state');
    if (state === 'active' || state === 'closed')
      milestones = milestones.filter((m) => m.state === state);
    const title = query.get('title');
    if (title) milestones = milestones.filter((m) => m.title === title);
    const search = query.get('search')?.toLowerCase();
    if (search)
      milestones = milestones.filter(
        (m) =>
          m.title.toLowerCase().includes(search) || m.description.toLowerCase().includes(search),
      );
    const iids = query.getAll('iids[]').map(Number);
    if (iids.length) milestones = milestones.filter((m) => iids.includes(m.iid));
    // GitLab lists milestones by due date, soonest first, undated last.
    milestones.sort(
      (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id - b.id,
    );
    return paginate(
      milestones.map((m) => milestoneJson(store, m, baseUrl)),
      query,
      baseUrl,
      req.path,
    );
  }
  // GET /groups/:id/projects (lib/api/groups.rb, API::Entities::BasicProjectDetails with
  // `simple=true`): the group's projects, its subgroups' with `include_subgroups`, those where the
  // caller has at least `min_access_level`, sorted as asked (`order_by=path` here). The sandbox
  // keeps no archived projects and every project has issues on, so `archived=false` and
  // `with_issues_enabled` keep them all.
  if (collection === 'groups' && rawId && resource === 'projects' && segments.length === 3) {
    const group = namespaceParam(store, rawId, 'group');
    if (!group || !store.canReadNamespace(userId, group))
      return { status: 404, body: { message: '404 Group Not Found' } };
    const subgroups = query.get('include_subgroups') === 'true';
    const minAccess = Number(query.get('min_access_level') ?? 0) || 0;
    const projects = [...store.namespaces.values()]
      .filter((ns) => ns.kind === 'project' && ns.fullPath.startsWith(`${group.fullPath}/`))
      .filter((ns) => subgroups || !ns.fullPath.slice(group.fullPath.length + 1).includes('/'))
      .filter((ns) => store.canReadNamespace(userId, ns))
      .filter((ns) => minAccess === 0 || store.accessLevel(userId, ns) >= minAccess)
      .sort((a, b) =>
        query.get('order_by') === 'path'
          ? a.fullPath.localeCompare(b.fullPath) * (query.get('sort') === 'desc' ? -1 : 1)
          : b.id - a.id,
      )
      .map((ns) => ({
        id: ns.id,
        description: null,
        name: ns.name,
        name_with_namespace: ns.fullPath.split('/').join(' / '),
        path: ns.fullPath.split('/').at(-1),
        path_with_namespace: ns.fullPath,
        created_at: store.nowIso(),
        web_url: `${baseUrl}/${ns.fullPath}`,
        archived: false,
      }));
    return paginate(projects, query, baseUrl, req.path);
  }
  if (
    (collection === 'projects' || collection === 'groups') &&
    rawId &&
    resource === 'members' &&
    (sub === 'all' || sub === undefined)
  ) {
    const ns = namespaceParam(store, rawId, collection === 'projects' ? 'project' : 'group');
    if (!ns || !store.canReadNamespace(userId, ns)) return NOT_FOUND;
    const members =
      sub === 'all'
        ? store.allMembers(ns)
        : [...ns.members].flatMap(([id, accessLevel]) => {
            const user = store.users.get(id);
            return user ? [{ user, accessLevel }] : [];
          });
    const needle = query.get('query')?.toLowerCase();
    const matching = members
      .filter(
        ({ user }) =>
          !needle ||
          user.username.toLowerCase().includes(needle) ||
          user.name.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.user.id - b.user.id)
      .map(({ user, accessLevel }) => ({
        ...userBasicJson(user, baseUrl),
        access_level: accessLevel,
        created_at: user.createdAt,
        created_by: null,
        expires_at: null,
        membership_state: 'active',
      }));
    return paginate(matching, query, baseUrl, req.path);
  }
  return NOT_FOUND;
}
