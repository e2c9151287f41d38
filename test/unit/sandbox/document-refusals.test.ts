// Which of OKR Lens's GraphQL documents each GitLab version refuses, and why, in GitLab's words:
// the documents for the newest GitLab (lib/gitlab/documents.ts `operations`, sent first to an
// instance of unknown version) and the documents OKR Lens has for that version
// (`documentsFor(capabilitiesOf(version))`, which still holds alternatives that version is never
// sent, such as Namespace.workItems before 18.1). Written to test-results/version-refusals.md and
// printed. MUST_ACCEPT_EVERY_DOCUMENT lists the profiles that must accept every newest document.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../../lib/gitlab/capabilities';
import { documentsFor, operations, type OperationName } from '../../../lib/gitlab/documents';
import { refusalsFor } from '../../sandbox/versions/profile-schema';
import { formatVersion, gitlabProfile, NAMED_PROFILES } from '../../sandbox/versions/profiles';

/** Profiles on which GitLab must accept every document OKR Lens sends. */
const MUST_ACCEPT_EVERY_DOCUMENT: readonly string[] = ['latest'];

type Refusals = Partial<Record<OperationName, string[]>>;

/** The documents a profile refuses, each with GitLab's messages (at most 5, as GitLab). */
function documentRefusals(
  version: string,
  documents: Record<OperationName, string> = operations,
): Refusals {
  const refused: Refusals = {};
  for (const [name, document] of Object.entries(documents) as [OperationName, string][]) {
    const errors = refusalsFor(version, document);
    if (errors.length) refused[name] = errors.map((error) => error.message);
  }
  return refused;
}

/** The documents OKR Lens has for a profile's version. */
function documentsForProfile(profile: string): Record<OperationName, string> {
  return documentsFor(capabilitiesOf(formatVersion(gitlabProfile(profile).version)));
}

function report(sections: [string, Refusals][]): string {
  const lines = [
    '# Documents each GitLab version refuses',
    '',
    'Written by test/unit/sandbox/document-refusals.test.ts: documents of lib/gitlab/documents.ts',
    "against the sandbox's version profiles, with GitLab's messages.",
    '',
  ];
  for (const [profile, refused] of sections) {
    const names = Object.keys(refused) as OperationName[];
    lines.push(
      `## ${profile}: ${names.length ? `${names.length} refused` : 'every document accepted'}`,
      '',
    );
    for (const name of names) {
      lines.push(`- **${name}**`);
      for (const message of refused[name] ?? []) lines.push(`  - ${message}`);
    }
    if (names.length) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

describe('documents on each GitLab version', () => {
  const newest = NAMED_PROFILES.map(
    (profile) => [profile, documentRefusals(profile)] as [string, Refusals],
  );
  const own = NAMED_PROFILES.map(
    (profile) =>
      [profile, documentRefusals(profile, documentsForProfile(profile))] as [string, Refusals],
  );

  it('records which documents each profile refuses, and why', () => {
    const text = report([
      ...newest.map(([p, r]) => [`${p}, the newest documents`, r] as [string, Refusals]),
      ...own.map(([p, r]) => [`${p}, the documents for ${p}`, r] as [string, Refusals]),
    ]);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/version-refusals.md', text);
    console.log(text);
    // 17.0 lacks Namespace.workItems (18.1), so the descendants' query is refused there.
    expect(Object.keys(newest.find(([p]) => p === '17.0')?.[1] ?? {})).toContain(
      'OkrDescendantsQuery',
    );
  });

  it.each(MUST_ACCEPT_EVERY_DOCUMENT)('GitLab %s accepts every document', (profile) => {
    expect(documentRefusals(profile)).toEqual({});
  });
});
