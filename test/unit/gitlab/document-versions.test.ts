// Each GitLab version OKR Lens supports gets documents it has: for every document profile (the
// versions where a document changes), no field or argument is newer than that version by the
// schema's own "Introduced in GitLab X.Y" notes, or by the short list of fields whose notes are
// missing there. `withCapabilities` picks the documents at run time.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  capabilitiesOf,
  DOCUMENT_PROFILES,
  isAtLeast,
  missingFeaturesIn,
  OLDEST_SUPPORTED,
  withCapabilities,
} from '../../../lib/gitlab/capabilities';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { documentsFor } from '../../../lib/gitlab/documents';
import { GitLabError } from '../../../lib/gitlab/errors';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const realSchemaPath = resolve(repoRoot, '../shared/gitlab-schema/gitlab.graphql');

/** Fields GitLab's schema file has no version note for (see ../shared/spec/gitlab.md). */
const UNNOTED_FLOORS: Record<string, string> = { 'WorkItemWidgetNotes.notes': '18.2' };

function introducedIn(text: string | null | undefined): string | null {
  return /Introduced in GitLab (\d+\.\d+)/.exec(text ?? '')?.[1] ?? null;
}

/** Every field or argument a document uses that is newer than `version`, with its version. */
function tooNewFor(schema: GraphQLSchema, document: string, version: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const found: string[] = [];
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!field || !parent) return;
        const name = `${parent.name}.${field.name}`;
        const floor =
          UNNOTED_FLOORS[name] ??
          introducedIn(field.description) ??
          introducedIn(field.deprecationReason);
        if (floor && !isAtLeast(version, floor)) found.push(`${name} (${floor})`);
        for (const argument of node.arguments ?? []) {
          const definition = field.args.find((a) => a.name === argument.name.value);
          const argumentFloor =
            introducedIn(definition?.description) ?? introducedIn(definition?.deprecationReason);
          if (argumentFloor && !isAtLeast(version, argumentFloor))
            found.push(`${name}(${argument.name.value}) (${argumentFloor})`);
        }
      },
    }),
  );
  return found;
}

/** The documents a GitLab of `version` is sent: the version-dependent choices the code makes. */
function sentTo(version: string): Record<string, string> {
  const capabilities = capabilitiesOf(version);
  const all = documentsFor(capabilities);
  const skip = new Set<string>();
  if (!capabilities.has('namespaceWorkItems')) {
    skip
      .add('OkrDescendantsQuery')
      .add('DriObjectivesQuery')
      .add('NamespaceStaleWatchQuery')
      .add('NamespaceCarrierWatchQuery')
      .add('NamespaceQuarterObjectivesQuery')
      .add('NamespaceQuarterEpicsQuery')
      .add('NamespaceEpicLabelsQuery');
  }
  if (!capabilities.has('namespaceWorkItemTypes')) skip.add('WorkItemTypesQuery');
  if (!capabilities.has('currentUserWorkItems'))
    skip.add('MyStaleWatchQuery').add('MyCarrierWatchQuery');
  if (!capabilities.has('customFieldsWrite')) {
    // Custom field values are written, and their fields listed, from 17.10 only.
    skip
      .add('UpdateCustomFieldsMutation')
      .add('GroupNumberFieldsQuery')
      .add('CheckInCustomFieldMutation');
  }
  return Object.fromEntries(Object.entries(all).filter(([name]) => !skip.has(name)));
}

// Building GitLab's whole schema takes seconds: once for the file.
const realSchema = existsSync(realSchemaPath)
  ? buildSchema(readFileSync(realSchemaPath, 'utf8'))
  : null;

describe.skipIf(!realSchema)('documents for each GitLab version', () => {
  const schema = realSchema!;
  const versions = DOCUMENT_PROFILES.map((profile) => profile.version ?? 'newest');

  it('covers the oldest supported version and each feature floor', () => {
    expect(versions).toEqual([OLDEST_SUPPORTED, '17.2', '17.3', '17.9', '17.10', '18.1', '18.2']);
  });

  it.each(versions)('GitLab %s is sent only fields it has, all valid', (version) => {
    for (const [name, document] of Object.entries(sentTo(version))) {
      expect(
        validate(schema, parse(document)).map((e) => e.message),
        name,
      ).toEqual([]);
      expect(tooNewFor(schema, document, version), name).toEqual([]);
    }
  });

  it('the newest documents would be refused by GitLab 17.0 (so the choice matters)', () => {
    const refused = Object.entries(documentsFor(capabilitiesOf(null))).filter(
      ([, document]) => tooNewFor(schema, document, '17.0').length > 0,
    );
    expect(refused.map(([name]) => name)).toEqual(
      expect.arrayContaining(['OkrItemQuery', 'OkrDescendantsQuery', 'MyStaleWatchQuery']),
    );
  });
});

describe('withCapabilities', () => {
  const refusal = (type: string, field: string) =>
    new GitLabError(
      { kind: 'graphql', message: 'refused' },
      { gitlabMessages: [`Field '${field}' doesn't exist on type '${type}'`] },
    );

  function clientAnswering(version: string | null) {
    const asked: string[] = [];
    const client = createGitLabClient({
      baseUrl: 'https://gitlab.example.com',
      token: 'glpat-test',
      fetch: async (_url, init) => {
        const body = JSON.parse(String(init?.body)) as { operationName: string };
        asked.push(body.operationName);
        const data = version ? { metadata: { version } } : { metadata: null };
        return new Response(JSON.stringify({ data }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    return { client, asked };
  }

  it('sends the newest documents first and asks nothing more when GitLab takes them', async () => {
    const { client, asked } = clientAnswering('19.1.0-ee');
    const seen: boolean[] = [];
    await withCapabilities(client, async (capabilities) => {
      seen.push(capabilities.has('workItemNotes'));
    });
    expect(seen).toEqual([true]);
    expect(asked).toEqual([]);
  });

  it('after a refusal asks the version once, retries with its documents, and remembers', async () => {
    const { client, asked } = clientAnswering('17.5.1-ee');
    const tries: boolean[] = [];
    const read = async (capabilities: ReturnType<typeof capabilitiesOf>) => {
      tries.push(capabilities.has('namespaceWorkItems'));
      if (capabilities.has('namespaceWorkItems')) throw refusal('Namespace', 'workItems');
      return 'ok';
    };
    expect(await withCapabilities(client, read)).toBe('ok');
    expect(await withCapabilities(client, read)).toBe('ok');
    expect(tries).toEqual([true, false, false]);
    expect(asked).toEqual(['VersionQuery']);
  });

  it('learns a missing field from GitLab’s words when the version cannot be read', async () => {
    const { client } = clientAnswering(null);
    const result = await withCapabilities(client, async (capabilities) => {
      if (capabilities.has('workItemNotes')) throw refusal('WorkItemWidgetNotes', 'notes');
      return capabilities.has('namespaceWorkItems');
    });
    expect(result).toBe(true);
    expect(missingFeaturesIn(refusal('CurrentUser', 'workItems'))).toEqual([
      'currentUserWorkItems',
    ]);
  });

  it('tells the user which version OKR Lens needs on a GitLab older than 17.0', async () => {
    const { client } = clientAnswering('16.11.2-ee');
    const attempt = withCapabilities(client, async () => {
      throw refusal('Namespace', 'workItem');
    });
    await expect(attempt).rejects.toThrow(/runs GitLab 16\.11\.2-ee; OKR Lens needs GitLab 17\.0/);
  });
});
