// The sandbox's schema must be a faithful subset of GitLab's: a query the extension validates
// against the sandbox is then valid against GitLab too.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../sandbox/graphql';

const GITLAB_SCHEMA = fileURLToPath(
  new URL('../../../../shared/gitlab-schema/gitlab.graphql', import.meta.url),
);
const gitlabPresent = existsSync(GITLAB_SCHEMA);

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  if (isUnionType(type)) return 'union';
  return 'scalar';
}

/** Every difference between the sandbox's schema and GitLab's, as readable lines. */
function conformanceProblems(sandbox: GraphQLSchema, gitlab: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(sandbox.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const theirs = gitlab.getType(type.name);
    if (!theirs) {
      problems.push(`type ${type.name} does not exist in GitLab`);
      continue;
    }
    if (kindOf(type) !== kindOf(theirs))
      problems.push(`${type.name} is a ${kindOf(type)} here but a ${kindOf(theirs)} in GitLab`);
    if (isEnumType(type) && isEnumType(theirs)) {
      const values = new Set(theirs.getValues().map((v) => v.name));
      for (const value of type.getValues())
        if (!values.has(value.name))
          problems.push(`enum value ${type.name}.${value.name} does not exist in GitLab`);
    }
    if (
      (isObjectType(type) || isInterfaceType(type)) &&
      (isObjectType(theirs) || isInterfaceType(theirs))
    ) {
      const theirInterfaces = theirs.getInterfaces().map((i) => i.name);
      for (const iface of type.getInterfaces())
        if (!theirInterfaces.includes(iface.name))
          problems.push(`${type.name} does not implement ${iface.name} in GitLab`);
      const theirFields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const their = theirFields[field.name];
        if (!their) {
          problems.push(`field ${type.name}.${field.name} does not exist in GitLab`);
          continue;
        }
        if (String(field.type) !== String(their.type))
          problems.push(
            `${type.name}.${field.name} is ${String(field.type)} here but ${String(their.type)} in GitLab`,
          );
        for (const arg of field.args) {
          const theirArg = their.args.find((a) => a.name === arg.name);
          if (!theirArg)
            problems.push(
              `argument ${type.name}.${field.name}(${arg.name}) does not exist in GitLab`,
            );
          else if (String(arg.type) !== String(theirArg.type))
            problems.push(
              `${type.name}.${field.name}(${arg.name}) is ${String(arg.type)} here but ${String(theirArg.type)} in GitLab`,
            );
        }
        for (const theirArg of their.args) {
          const required = isNonNullType(theirArg.type) && theirArg.defaultValue === undefined;
          if (required && !field.args.some((a) => a.name === theirArg.name))
            problems.push(
              `${type.name}.${field.name} lacks GitLab's required argument ${theirArg.name}`,
            );
        }
      }
    }
    if (isInputObjectType(type) && isInputObjectType(theirs)) {
      const theirFields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const their = theirFields[field.name];
        if (!their)
          problems.push(`input field ${type.name}.${field.name} does not exist in GitLab`);
        else if (String(field.type) !== String(their.type))
          problems.push(
            `${type.name}.${field.name} is ${String(field.type)} here but ${String(their.type)} in GitLab`,
          );
      }
      for (const their of Object.values(theirFields)) {
        const required = isNonNullType(their.type) && their.defaultValue === undefined;
        if (required && !type.getFields()[their.name])
          problems.push(`${type.name} lacks GitLab's required input field ${their.name}`);
      }
    }
  }
  return problems;
}

let gitlabSchema: GraphQLSchema | null = null;
/** GitLab's 3 MB schema, parsed once for the whole file. */
function gitlab(): GraphQLSchema {
  gitlabSchema ??= buildSchema(readFileSync(GITLAB_SCHEMA, 'utf8'));
  return gitlabSchema;
}

describe('sandbox schema conformance', () => {
  // Reading GitLab's 3 MB schema takes seconds on a busy machine.
  it.skipIf(!gitlabPresent)(
    'is a subset of GitLab schema with identical names and types',
    () => {
      const sandbox = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
      expect(conformanceProblems(sandbox, gitlab())).toEqual([]);
    },
    120_000,
  );

  it('keeps the "Introduced in GitLab" notes the version profiles read', () => {
    const sandbox = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const field = (type: string, name: string) =>
      (sandbox.getType(type) as GraphQLObjectType).getFields()[name]?.description;
    expect(field('Namespace', 'workItems')).toBe('Introduced in GitLab 18.1.');
    expect(field('CurrentUser', 'workItems')).toBe('Introduced in GitLab 17.10.');
    expect(field('Namespace', 'workItemTypes')).toBe('Introduced in GitLab 17.2.');
  });

  it.skipIf(!gitlabPresent)('notices a field GitLab does not have', () => {
    const invented = buildSchema(
      `type Query { workItem(id: ID!): WorkItem }\ntype WorkItem { id: ID! score: Float }`,
    );
    expect(conformanceProblems(invented, gitlab())).toEqual(
      expect.arrayContaining([
        'Query.workItem(id) is ID! here but WorkItemID! in GitLab',
        'field WorkItem.score does not exist in GitLab',
      ]),
    );
  });

  it.runIf(!gitlabPresent)('is skipped: ../shared/gitlab-schema/gitlab.graphql is absent', () => {
    expect(gitlabPresent).toBe(false);
  });

  it('covers what the extension reads', () => {
    const sandbox = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    for (const name of [
      'WorkItemWidgetHierarchy',
      'WorkItemWidgetProgress',
      'WorkItemWidgetHealthStatus',
      'WorkItemWidgetLinkedItems',
      'WorkItemWidgetNotes',
    ]) {
      expect(sandbox.getType(name), name).toBeDefined();
    }
    expect(isScalarType(sandbox.getType('WorkItemID'))).toBe(true);
  });
});
