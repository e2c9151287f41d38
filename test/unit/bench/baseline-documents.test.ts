// The benchmark's naive baseline must send queries GitLab would accept: valid against GitLab's
// real schema and the sandbox's, under GitLab's query-size limit, one work item per request.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { baselineOperations } from '../../bench/baseline-documents';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const realSchema = buildSchema(
  readFileSync(resolve(repoRoot, '../shared/gitlab-schema/gitlab.graphql'), 'utf8'),
);
const sandboxSchema = buildSchema(
  readFileSync(resolve(repoRoot, 'test/sandbox/schema.graphql'), 'utf8'),
);
const GITLAB_MAX_QUERY_LENGTH = 10_000;

const documents = Object.entries(baselineOperations);

describe('naive baseline documents', () => {
  it.each(documents)('%s is valid against GitLab’s schema', (_name, text) => {
    expect(validate(realSchema, parse(text)).map((error) => error.message)).toEqual([]);
  });

  it.each(documents)('%s is valid against the sandbox’s schema', (_name, text) => {
    expect(validate(sandboxSchema, parse(text)).map((error) => error.message)).toEqual([]);
  });

  it.each(documents)('%s stays under GitLab’s query length limit', (_name, text) => {
    expect(text.length).toBeLessThan(GITLAB_MAX_QUERY_LENGTH);
  });

  it.each(documents)(
    '%s is one query named as exported, for one work item by iid',
    (name, text) => {
      const operations = parse(text).definitions.filter(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations).toHaveLength(1);
      expect(operations[0]?.operation).toBe('query');
      expect(operations[0]?.name?.value).toBe(name);
      // Not a list: the baseline is one request per item by design.
      expect(text).toMatch(/workItem\(iid: \$iid\)/);
      expect(text).not.toMatch(/workItems\(/);
    },
  );
});
