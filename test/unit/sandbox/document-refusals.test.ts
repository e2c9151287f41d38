// Which of OKR Lens's GraphQL documents (lib/gitlab/documents.ts `operations`) each GitLab
// version refuses, and why, in GitLab's words. Written to test-results/version-refusals.md and
// printed. Today only latest must accept every document: older GitLab refuses several until the
// extension adapts to it. Once it does, add the profile to MUST_ACCEPT_EVERY_DOCUMENT.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operations, type OperationName } from '../../../lib/gitlab/documents';
import { refusalsFor } from '../../sandbox/versions/profile-schema';
import { NAMED_PROFILES } from '../../sandbox/versions/profiles';

/** Profiles on which GitLab must accept every document OKR Lens sends. */
const MUST_ACCEPT_EVERY_DOCUMENT: readonly string[] = ['latest'];

/** The documents a profile refuses, each with GitLab's messages (at most 5, as GitLab). */
function documentRefusals(version: string): Partial<Record<OperationName, string[]>> {
  const refused: Partial<Record<OperationName, string[]>> = {};
  for (const [name, document] of Object.entries(operations) as [OperationName, string][]) {
    const errors = refusalsFor(version, document);
    if (errors.length) refused[name] = errors.map((error) => error.message);
  }
  return refused;
}

function report(byProfile: [string, Partial<Record<OperationName, string[]>>][]): string {
  const lines = [
    '# Documents each GitLab version refuses',
    '',
    'Written by test/unit/sandbox/document-refusals.test.ts: every document of',
    "lib/gitlab/documents.ts against the sandbox's version profiles, with GitLab's messages.",
    '',
  ];
  for (const [profile, refused] of byProfile) {
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
  const byProfile = NAMED_PROFILES.map(
    (profile) =>
      [profile, documentRefusals(profile)] as [string, ReturnType<typeof documentRefusals>],
  );

  it('records which documents each profile refuses, and why', () => {
    const text = report(byProfile);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/version-refusals.md', text);
    console.log(text);
    // 17.0 lacks Namespace.workItems (18.1), so the descendants' query is refused there.
    expect(Object.keys(byProfile.find(([p]) => p === '17.0')?.[1] ?? {})).toContain(
      'OkrDescendantsQuery',
    );
  });

  it.each(MUST_ACCEPT_EVERY_DOCUMENT)('GitLab %s accepts every document', (profile) => {
    expect(documentRefusals(profile)).toEqual({});
  });
});
