// Which GitLab the sandbox plays: a version profile. A profile fixes the version the instance
// reports (GraphQL `metadata`, REST `/api/v4/version`), which schema members exist
// (profile-schema.ts) and how its graphql-ruby words validation errors (gitlab-validation.ts).
import { createHash } from 'node:crypto';

/** The profiles the tests and the README name; any other "X.Y" works the same way. */
export const NAMED_PROFILES = ['17.0', '17.5', '17.11', '18.0', '18.6', 'latest'] as const;

export interface GitLabVersion {
  major: number;
  minor: number;
}

/**
 * The newest GitLab ../shared/gitlab-schema/gitlab.graphql describes: its newest notes say
 * "Introduced in GitLab 19.2".
 */
export const LATEST_VERSION: GitLabVersion = { major: 19, minor: 2 };

/**
 * The first version whose graphql-ruby appends "(Did you mean `x`?)" to unknown field, argument
 * and type errors. graphql-ruby added the suggestions in rmosolgo/graphql-ruby#4966 (2.3.5, May
 * 2024). GitLab 17.0 pinned `gem 'graphql', '~> 2.2.5'` (its Gemfile), and a GitLab 17.1.4 answer
 * quoted in raycast/extensions#29398 names no suggestion where one applies ('closedAt' next to
 * MergeRequest's 'createdAt'); a Gemfile of early 2025 (Rails 7.0.8.7 with Rails 7.1 as
 * Gemfile.next, so 17.8 to 17.10) has `gem 'graphql', '~> 2.4.1'`, and gitlab.com in 2026 answers
 * "Field 'workItem' doesn't exist on type 'Project' (Did you mean `workItems`?)"
 * (AltimateAI/altimate-code#985). The release that took graphql-ruby 2.3.5 or later is not
 * pinned down (between 17.2 and 17.10); the sandbox takes 17.10, the latest that Gemfile can be.
 */
const SUGGESTIONS_FROM: GitLabVersion = { major: 17, minor: 10 };

export interface GitLabProfile {
  /** As asked for: "17.0", "18.6", "latest". */
  name: string;
  version: GitLabVersion;
  /** What GitLab reports, e.g. "17.0.0-ee". */
  versionString: string;
  /** A short commit id, as GitLab reports its revision ("c401a659d0c"). */
  revision: string;
  /** Whether graphql-ruby appends "(Did you mean …?)" suggestions. */
  suggestsNames: boolean;
}

export function parseVersion(text: string): GitLabVersion | null {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

export function compareVersions(a: GitLabVersion, b: GitLabVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatVersion(version: GitLabVersion): string {
  return `${version.major}.${version.minor}`;
}

/**
 * The profile for a name like "17.0" or "latest"; without a name, `SANDBOX_GITLAB_VERSION`, else
 * latest. Throws on anything else, naming the profiles.
 */
export function gitlabProfile(
  name: string = process.env.SANDBOX_GITLAB_VERSION || 'latest',
): GitLabProfile {
  const wanted = name.trim().toLowerCase();
  const version = wanted === 'latest' ? LATEST_VERSION : parseVersion(wanted);
  if (!version || compareVersions(version, LATEST_VERSION) > 0)
    throw new Error(
      `Unknown GitLab version profile "${name}": give a version like 17.0 (at most ${formatVersion(LATEST_VERSION)}) or latest (${NAMED_PROFILES.join(', ')})`,
    );
  const short = formatVersion(version);
  return {
    name: wanted === 'latest' ? 'latest' : short,
    version,
    versionString: `${short}.0-ee`,
    revision: createHash('sha1').update(`gitlab-${short}`).digest('hex').slice(0, 11),
    suggestsNames: compareVersions(version, SUGGESTIONS_FROM) >= 0,
  };
}
