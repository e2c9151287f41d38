// Every GraphQL document the extension sends must be valid against GitLab's real schema (and the
// sandbox's subset of it), stay below GitLab's query-size limit, and keep its complexity under
// GitLab's limit for authenticated requests (250), estimated with GitLab's own counting rules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { operations } from '../../../lib/gitlab/documents';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const realSchemaPath = resolve(repoRoot, '../shared/gitlab-schema/gitlab.graphql');
const sandboxSchemaPath = resolve(repoRoot, 'test/sandbox/schema.graphql');

const GITLAB_MAX_QUERY_LENGTH = 10_000;
const GITLAB_MAX_COMPLEXITY = 250;
const GITLAB_MAX_PAGE_SIZE = 100;
/** GitLab's depth limit for anonymous requests (20 when authenticated): the stricter one. */
const GITLAB_MAX_DEPTH = 15;

const documents = Object.entries(operations);

function loadSchema(path: string): GraphQLSchema | null {
  if (!existsSync(path)) return null;
  return buildSchema(readFileSync(path, 'utf8'));
}

function pageSizeOf(value: ValueNode | undefined): number {
  if (!value) return GITLAB_MAX_PAGE_SIZE;
  if (value.kind === Kind.INT) return Math.min(Number(value.value), GITLAB_MAX_PAGE_SIZE);
  return GITLAB_MAX_PAGE_SIZE; // a variable: assume the largest page
}

/**
 * GitLab's complexity (graphql-ruby): each field costs 1 plus its selection; a connection
 * loading n items adds 1 % of its selection's cost per item, unless it is filtered by iid(s);
 * on an abstract type, the most expensive possible type counts. Fields selected twice are
 * counted twice here, so this over-estimates.
 */
function complexityOf(schema: GraphQLSchema, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }

  function costOn(selectionSet: SelectionSetNode, type: GraphQLObjectType): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) {
          total += 1;
          continue;
        }
        const field = type.getFields()[selection.name.value];
        if (!field) throw new Error(`${type.name}.${selection.name.value} not in schema`);
        let cost = 1;
        if (selection.selectionSet) {
          const child = getNamedType(field.type) as GraphQLCompositeType;
          let childCost = cost_(selection.selectionSet, child);
          const argNames = (selection.arguments ?? []).map((argument) => argument.name.value);
          if (
            child.name.endsWith('Connection') &&
            !argNames.some((n) => n === 'iid' || n === 'iids')
          ) {
            const pageArgument = selection.arguments?.find(
              (argument) => argument.name.value === 'first' || argument.name.value === 'last',
            );
            childCost += childCost * pageSizeOf(pageArgument?.value) * 0.01;
          }
          cost += childCost;
        }
        total += cost;
      } else {
        const selected =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!selected) throw new Error('unknown fragment');
        const condition = selected.typeCondition
          ? schema.getType(selected.typeCondition.name.value)
          : type;
        const applies =
          condition === type ||
          (condition && isAbstractType(condition) && schema.isSubType(condition, type));
        if (applies) total += costOn(selected.selectionSet, type);
      }
    }
    return total;
  }

  function cost_(selectionSet: SelectionSetNode, type: GraphQLCompositeType): number {
    const concrete = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    return Math.max(0, ...concrete.filter(isObjectType).map((t) => costOn(selectionSet, t)));
  }

  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error('no root type');
  return Math.ceil(cost_(operation.selectionSet, root));
}

/** Nesting depth in fields (fragments expanded), as graphql-ruby's max_depth counts it. */
function depthOf(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  function depth(selectionSet: SelectionSetNode | undefined): number {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD)
        deepest = Math.max(deepest, 1 + depth(selection.selectionSet));
      else if (selection.kind === Kind.INLINE_FRAGMENT)
        deepest = Math.max(deepest, depth(selection.selectionSet));
      else deepest = Math.max(deepest, depth(fragments.get(selection.name.value)?.selectionSet));
    }
    return deepest;
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation && operation.kind === Kind.OPERATION_DEFINITION
    ? depth(operation.selectionSet)
    : 0;
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

  it.each(documents)('%s nests no deeper than GitLab allows', (_name, text) => {
    expect(depthOf(parse(text))).toBeLessThanOrEqual(GITLAB_MAX_DEPTH);
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

  it.each(documents)('%s stays under GitLab’s complexity limit', (_name, text) => {
    expect(complexityOf(realSchema!, parse(text))).toBeLessThanOrEqual(GITLAB_MAX_COMPLEXITY);
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
