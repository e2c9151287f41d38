// Every GraphQL document the extension sends must be valid against GitLab's real schema (and the
// sandbox's subset of it) and stay below GitLab's query-size limit. GitLab's other checks before
// running a query (recursion, depth, complexity) are in documents-gitlab-checks.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operations } from '../../../lib/gitlab/documents';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const realSchemaPath = resolve(repoRoot, '../shared/gitlab-schema/gitlab.graphql');
const sandboxSchemaPath = resolve(repoRoot, 'test/sandbox/schema.graphql');

const GITLAB_MAX_QUERY_LENGTH = 10_000;
const GITLAB_MAX_PAGE_SIZE = 100;

const documents = Object.entries(operations);

function loadSchema(path: string): GraphQLSchema | null {
  if (!existsSync(path)) return null;
  return buildSchema(readFileSync(path, 'utf8'));
}

const realSchema = loadSchema(realSchemaPath);
const sandboxSchema = loadSchema(sandboxSchemaPath);

describe('GraphQL documents', () => {
  it.each(documents)(
    '%s parses, is named after its constant and fits the size limit',
    (name, text) => {
      const document = parse(text);
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(operation && 'name' in operation ? operation.name?.value : undefined).toBe(name);
      expect(text.length).toBeLessThanOrEqual(GITLAB_MAX_QUERY_LENGTH);
    },
  );

  it.each(documents)('%s asks for no page larger than 100', (_name, text) => {
    const sizes = [...text.matchAll(/\b(first|last):\s*(\d+)/g)].map((match) => Number(match[2]));
    for (const size of sizes) expect(size).toBeLessThanOrEqual(GITLAB_MAX_PAGE_SIZE);
  });

  it('never reads the 18.9+ `features` field', () => {
    for (const [, text] of documents) expect(text).not.toMatch(/\bfeatures\s*\{/);
  });
});

describe.skipIf(!realSchema)('against GitLab’s real schema (../shared/gitlab-schema)', () => {
  it.each(documents)('%s is valid', (_name, text) => {
    const errors = validate(realSchema!, parse(text)).map((error) => error.message);
    expect(errors).toEqual([]);
  });
});

if (!realSchema) {
  it.skip(`GitLab's schema is not at ${realSchemaPath}: real-schema validation skipped`, () => {});
}

// The sandbox's schema is part of this repository: when it is missing, these tests fail.
describe('against the sandbox’s subset schema (test/sandbox/schema.graphql)', () => {
  it.each(documents)(
    '%s is valid (otherwise the sandbox lacks what the message names)',
    (_name, text) => {
      expect(sandboxSchema, `${sandboxSchemaPath} is missing`).toBeTruthy();
      const errors = validate(sandboxSchema!, parse(text)).map((error) => error.message);
      expect(errors).toEqual([]);
    },
  );
});
