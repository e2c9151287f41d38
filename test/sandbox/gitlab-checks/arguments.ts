// The argument values GitLab's complexity rules read (`args[:first]`, `args[:sort]`…), taken
// like graphql-ruby's `query.arguments_for`: a literal, a variable's value, or else the
// argument's default. Without variable values (a document checked on its own) a variable's
// value is "unknown" and each rule reads it the costlier way.
import {
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLField,
  type OperationDefinitionNode,
  type ValueNode,
  Kind,
} from 'graphql';

export type VariableValues =
  /** The request's variables, coerced (defaults of the operation applied). */
  | { known: true; values: Readonly<Record<string, unknown>> }
  /** No values: only which variables are declared non-null (and so always present). */
  | { known: false; nonNull: ReadonlySet<string> };

export type ArgumentValue =
  | { kind: 'absent' }
  | { kind: 'value'; value: unknown }
  /** A variable whose value is not known; `nonNull` variables are always given. */
  | { kind: 'unknown'; nonNull: boolean }
  /** A variable the request did not give (the argument's default then applies). */
  | { kind: 'variableMissing' };

/** Variables declared with a non-null type, for checking a document without values. */
export function unknownVariablesOf(operation: OperationDefinitionNode): VariableValues {
  const nonNull = new Set(
    (operation.variableDefinitions ?? [])
      .filter((definition) => definition.type.kind === Kind.NON_NULL_TYPE)
      .map((definition) => definition.variable.name.value),
  );
  return { known: false, nonNull };
}

export function valueOfArgumentNode(node: ValueNode, vars: VariableValues): ArgumentValue {
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (!vars.known) return { kind: 'unknown', nonNull: vars.nonNull.has(name) };
    return name in vars.values
      ? { kind: 'value', value: vars.values[name] }
      : { kind: 'variableMissing' };
  }
  return { kind: 'value', value: valueFromASTUntyped(node, vars.known ? vars.values : {}) };
}

/** One argument of a selected field, as GitLab's resolvers receive it. */
export function argumentOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  name: string,
  vars: VariableValues,
): ArgumentValue {
  const definition = field.args.find((argument) => argument.name === name);
  if (!definition) return { kind: 'absent' };
  const given = node.arguments?.find((argument) => argument.name.value === name);
  const value = given
    ? valueOfArgumentNode(given.value, vars)
    : { kind: 'variableMissing' as const };
  if (value.kind !== 'variableMissing') return value;
  return definition.defaultValue === undefined
    ? { kind: 'absent' }
    : { kind: 'value', value: definition.defaultValue };
}

/** Ruby truthiness of a known value: everything but nil and false (an empty list counts). */
export function isPresent(value: ArgumentValue): boolean | 'unknown' {
  if (value.kind === 'absent' || value.kind === 'variableMissing') return false;
  if (value.kind === 'unknown') return value.nonNull ? true : 'unknown';
  return value.value !== null && value.value !== undefined && value.value !== false;
}
