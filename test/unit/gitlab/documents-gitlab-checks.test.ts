// No document OKR Lens sends, in any version profile's form, is refused by GitLab before it
// runs: every one goes through the sandbox's GitLab checks (test/sandbox/gitlab-checks/:
// recursion, depth, complexity, size), against GitLab's real schema when it is at hand and always against the sandbox's, as a
// signed-in caller (OKR Lens always sends a token). The test prints what GitLab measures of
// each document, so a document close to a limit shows before it crosses it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf, DOCUMENT_PROFILES } from '../../../lib/gitlab/capabilities';
import { documentsFor } from '../../../lib/gitlab/documents';
import {
  checkGitLabQuery,
  gitLabLimits,
  type GitLabQueryCheck,
} from '../../sandbox/gitlab-checks/index';
import { SCHEMA_FILE } from '../../sandbox/graphql';

const GITLAB_SCHEMA = fileURLToPath(
  new URL('../../../../shared/gitlab-schema/gitlab.graphql', import.meta.url),
);

/** A document as it is sent to some GitLab versions. */
interface SentDocument {
  name: string;
  /** The version profiles that get this text (`all`, or e.g. `17.0, 17.2`). */
  variant: string;
  text: string;
}

/**
 * Every document the extension may send: each operation in each version profile's form, one
 * entry per distinct text (lib/gitlab/capabilities.ts DOCUMENT_PROFILES).
 */
const sentDocuments: SentDocument[] = (() => {
  const profiles = [capabilitiesOf(null), ...DOCUMENT_PROFILES];
  const byText = new Map<string, { name: string; versions: string[] }>();
  for (const profile of profiles)
    for (const [name, text] of Object.entries(documentsFor(profile))) {
      const entry = byText.get(text) ?? { name, versions: [] };
      entry.versions.push(profile.version ?? 'newest');
      byText.set(text, entry);
    }
  return [...byText].map(([text, { name, versions }]) => ({
    name,
    variant: versions.length === profiles.length ? 'all' : versions.join(', '),
    text,
  }));
})();

interface Checked {
  document: SentDocument;
  check: GitLabQueryCheck;
}

function checkAll(schema: GraphQLSchema): Checked[] {
  return sentDocuments.map((document) => ({
    document,
    // No variables: each is read the costlier way (a nullable `iids` as absent, …).
    check: checkGitLabQuery(schema, document.text, { authenticated: true }),
  }));
}

function table(rows: readonly Checked[]): string {
  const limits = gitLabLimits(true);
  const header = ['document', 'variant', 'complexity', 'depth', 'recursion', 'refused'];
  const lines = rows.map(({ document, check }) => [
    document.name,
    document.variant,
    `${check.measures?.complexity ?? '?'} / ${limits.maxComplexity}`,
    `${check.measures?.depth ?? '?'} / ${limits.maxDepth}`,
    `${check.measures?.recursion.count ?? '?'} / ${limits.recursionThreshold} (${check.measures?.recursion.field ?? '-'})`,
    check.errors.length ? 'REFUSED' : 'no',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

function refusals(rows: readonly Checked[]): string[] {
  return rows.flatMap(({ document, check }) =>
    check.errors.map((error) => `${document.name} (${document.variant}): ${error}`),
  );
}

describe('GitLab’s checks before running a query', () => {
  it('measure every document (real schema when present, else the sandbox’s) and print them', () => {
    const schema = existsSync(GITLAB_SCHEMA)
      ? buildSchema(readFileSync(GITLAB_SCHEMA, 'utf8'))
      : buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const rows = checkAll(schema);
    console.log(
      `What GitLab measures of each document (${existsSync(GITLAB_SCHEMA) ? 'GitLab’s schema' : 'sandbox schema'}, signed in):\n${table(rows)}`,
    );
    for (const { check } of rows) expect(check.measures, 'every document is valid').not.toBeNull();
    expect(refusals(rows)).toEqual([]);
  }, 60_000);

  it('refuse none against the sandbox’s schema either', () => {
    const rows = checkAll(buildSchema(readFileSync(SCHEMA_FILE, 'utf8')));
    expect(refusals(rows)).toEqual([]);
  });
});
