// GraphQL validation as GitLab answers it. GitLab runs graphql-ruby, whose messages, paths and
// extensions differ from graphql-js's; a client that reads them (OKR Lens does, to notice an older
// GitLab) must be tested against graphql-ruby's words. The rules a version difference triggers
// are rewritten here from graphql-ruby's lib/graphql/static_validation/rules/:
//   fields_are_defined_on_type.rb        Field 'x' doesn't exist on type 'Y'           undefinedField
//   arguments_are_defined.rb             Field 'x' doesn't accept argument 'y'         argumentNotAccepted
//                                        InputObject 'X' doesn't accept argument 'y'
//   argument_literals_are_compatible.rb  Argument 'y' on Field 'x' has an invalid value (…). Expected type 'T'.
//   fragment_types_exist.rb              No such type X, so it can't be a fragment condition   undefinedType
//   variables_are_input_types.rb         X isn't a defined input type (on $x)          variableRequiresValidType
//   variables_are_used_and_defined.rb    Variable $x is declared by Op but not used     variableNotUsed
//   fragments_are_used.rb                Fragment X was defined, but not used          useAndDefineFragment
//   directives_are_defined.rb            Directive @x is not defined                   undefinedDirective
// walked the way graphql-ruby's visitor walks (base_visitor.rb: the error path names operations
// "query Op", fragments "fragment F", inline fragments "... on T"; a rule that refuses a node skips
// what is inside it, so a variable used only there is then "declared but not used"). GitLab stops
// at 5 errors (app/graphql/gitlab_schema.rb: `validate_max_errors 5`). Variable values are checked
// as graphql-ruby's GraphQL::Query::VariableValidationError words them. Other rules fall back to
// graphql-js, in graphql-js's words.
import {
  FieldsOnCorrectTypeRule,
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  isUnionType,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  KnownFragmentNamesRule,
  KnownTypeNamesRule,
  Kind,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  parse,
  print,
  SchemaMetaFieldDef,
  specifiedRules,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  typeFromAST,
  validate,
  ValuesOfCorrectTypeRule,
  VariablesAreInputTypesRule,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLDirective,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ObjectValueNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
  type VariableNode,
} from 'graphql';
import { didYouMeanSuffix } from './did-you-mean';
import gitlabNames from './gitlab-names.json' with { type: 'json' };
import { compareVersions, parseVersion, type GitLabVersion } from './profiles';

/** One entry of GitLab's `errors` array. */
export interface GitLabGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GitLabValidationOptions {
  /** graphql-ruby's "(Did you mean …?)" suffixes (graphql-ruby 2.3.5 and later). */
  suggestNames: boolean;
  /** The profile's version: suggestions name only what that version has. */
  version?: GitLabVersion;
}

/** app/graphql/gitlab_schema.rb: `validate_max_errors 5`. */
export const MAX_VALIDATION_ERRORS = 5;

/** graphql-js rules whose ground the graphql-ruby rules below cover. */
const REWRITTEN_RULES = new Set<unknown>([
  FieldsOnCorrectTypeRule,
  KnownDirectivesRule,
  KnownArgumentNamesRule,
  ValuesOfCorrectTypeRule,
  KnownTypeNamesRule,
  VariablesAreInputTypesRule,
  NoUnusedVariablesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  KnownFragmentNamesRule,
]);
const REMAINING_RULES = specifiedRules.filter((rule) => !REWRITTEN_RULES.has(rule));

/**
 * The errors GitLab answers a document with, at most 5; empty when the document is valid.
 * A syntax error comes back alone, as graphql-js words it.
 */
export function gitlabErrorsFor(
  schema: GraphQLSchema,
  source: string,
  options: GitLabValidationOptions,
): GitLabGraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    return [gitlabErrorOf(error as GraphQLError)];
  }
  return gitlabErrorsForDocument(schema, document, options);
}

export function gitlabErrorsForDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: GitLabValidationOptions,
): GitLabGraphQLError[] {
  const walker = new RubyStyleWalker(schema, document, options);
  const errors = walker.run();
  if (errors.length < MAX_VALIDATION_ERRORS)
    errors.push(...validate(schema, document, REMAINING_RULES).map(gitlabErrorOf));
  return errors.slice(0, MAX_VALIDATION_ERRORS);
}

/** A graphql-js error (a syntax error, a rule not rewritten here) in GitLab's answer shape. */
export function gitlabErrorOf(error: GraphQLError): GitLabGraphQLError {
  return {
    message: error.message,
    ...(error.locations
      ? { locations: error.locations.map(({ line, column }) => ({ line, column })) }
      : {}),
  };
}

// ---- names for "Did you mean" --------------------------------------------------------------

type Names = Record<string, string | null>;
const NAMES = gitlabNames as {
  fields: Record<string, Names>;
  args: Record<string, Names>;
  compositeTypes: string[];
};

/** GitLab's names as of `version` (a name without a note counts as old). */
function namesAsOf(names: Names | undefined, version: GitLabVersion | undefined): string[] | null {
  if (!names) return null;
  return Object.entries(names)
    .filter(([, introduced]) => {
      const at = introduced ? parseVersion(introduced) : null;
      return !at || !version || compareVersions(at, version) <= 0;
    })
    .map(([name]) => name);
}

// ---- the walk --------------------------------------------------------------------------------

interface Usage {
  declared: Map<string, VariableDefinitionNode>;
  used: Map<string, VariableNode>;
  spreads: Set<string>;
}

class RubyStyleWalker {
  private readonly errors: GitLabGraphQLError[] = [];
  private path: string[] = [];
  private readonly usages = new Map<OperationDefinitionNode | FragmentDefinitionNode, Usage>();
  private usage: Usage | null = null;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly undefinedDirectives = new Map<string, GitLabGraphQLError>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly document: DocumentNode,
    private readonly options: GitLabValidationOptions,
  ) {
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        this.fragments.set(definition.name.value, definition);
  }

  run(): GitLabGraphQLError[] {
    try {
      for (const definition of this.document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION) this.operation(definition);
        else if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragment(definition);
      }
      this.unusedVariables();
      this.unusedFragments();
    } catch (stop) {
      if (stop !== TOO_MANY_ERRORS) throw stop;
    }
    return this.errors;
  }

  private add(error: GitLabGraphQLError): void {
    this.errors.push(error);
    if (this.errors.length >= MAX_VALIDATION_ERRORS) throw TOO_MANY_ERRORS;
  }

  private suggestion(name: string, known: () => Iterable<string>): string {
    return this.options.suggestNames ? didYouMeanSuffix(name, known()) : '';
  }

  private operation(node: OperationDefinitionNode): void {
    this.path = [`${node.operation}${node.name ? ` ${node.name.value}` : ''}`];
    this.usage = { declared: new Map(), used: new Map(), spreads: new Set() };
    this.usages.set(node, this.usage);
    for (const variable of node.variableDefinitions ?? []) {
      this.usage.declared.set(variable.variable.name.value, variable);
      this.variableType(variable);
    }
    const root = this.schema.getRootType(node.operation);
    if (root) this.selections(node.selectionSet, root);
  }

  private fragment(node: FragmentDefinitionNode): void {
    this.path = [`fragment ${node.name.value}`];
    this.usage = { declared: new Map(), used: new Map(), spreads: new Set() };
    this.usages.set(node, this.usage);
    const type = this.fragmentType(node.typeCondition.name.value, node);
    if (type) this.selections(node.selectionSet, type);
  }

  /** fragment_types_exist.rb */
  private fragmentType(
    name: string,
    node: FragmentDefinitionNode | { loc?: FieldNode['loc'] },
  ): GraphQLNamedType | null {
    const type = this.schema.getType(name);
    if (type) return type;
    this.add({
      message: `No such type ${name}, so it can't be a fragment condition${this.suggestion(
        name,
        () => [
          ...new Set([
            ...NAMES.compositeTypes,
            ...Object.keys(this.schema.getTypeMap()).filter((t) =>
              isCompositeType(this.schema.getType(t)),
            ),
          ]),
        ],
      )}`,
      ...at(node),
      path: [...this.path],
      extensions: { code: 'undefinedType', typeName: name },
    });
    return null;
  }

  /** variables_are_input_types.rb */
  private variableType(variable: VariableDefinitionNode): void {
    let type = variable.type;
    while (type.kind !== Kind.NAMED_TYPE) type = type.type;
    const named = this.schema.getType(type.name.value);
    if (named && isInputType(named)) return;
    const name = variable.variable.name.value;
    this.add({
      message: named
        ? `${type.name.value} isn't a valid input type (on $${name})`
        : `${type.name.value} isn't a defined input type (on $${name})`,
      ...at(variable),
      path: [...this.path],
      extensions: {
        code: 'variableRequiresValidType',
        typeName: type.name.value,
        variableName: name,
      },
    });
  }

  private selections(set: SelectionSetNode, parentType: GraphQLNamedType): void {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) this.field(selection, parentType);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const label = selection.typeCondition
          ? `... on ${selection.typeCondition.name.value}`
          : '...';
        this.within(label, () => {
          this.directives(selection.directives);
          const type = selection.typeCondition
            ? this.fragmentType(selection.typeCondition.name.value, selection)
            : parentType;
          if (type) this.selections(selection.selectionSet, type);
        });
      } else {
        this.within(`... ${selection.name.value}`, () => {
          this.directives(selection.directives);
          this.usage?.spreads.add(selection.name.value);
          if (!this.fragments.has(selection.name.value))
            this.add({
              message: `Fragment ${selection.name.value} was used, but not defined`,
              ...at(selection),
              path: [...this.path],
              extensions: { code: 'useAndDefineFragment', fragmentName: selection.name.value },
            });
        });
      }
    }
  }

  /** fields_are_defined_on_type.rb, then the field's arguments and selections. */
  private field(node: FieldNode, parentType: GraphQLNamedType): void {
    const name = node.name.value;
    this.within(node.alias?.value ?? name, () => {
      if (isUnionType(parentType) && name !== '__typename') {
        this.add({
          message: `Selections can't be made directly on unions (see selections on ${parentType.name})`,
          ...at(node),
          path: [...this.path],
          extensions: { code: 'selectionMismatch', nodeName: parentType.name },
        });
        return;
      }
      const field = this.fieldDefinition(parentType, name);
      if (!field) {
        this.add({
          message: `Field '${name}' doesn't exist on type '${parentType.name}'${this.suggestion(name, () => this.fieldNames(parentType))}`,
          ...at(node),
          path: [...this.path],
          extensions: { code: 'undefinedField', typeName: parentType.name, fieldName: name },
        });
        return;
      }
      for (const argument of node.arguments ?? [])
        this.argument(argument, { kind: 'field', node, field, parentType });
      this.directives(node.directives);
      if (node.selectionSet) this.selections(node.selectionSet, getNamedType(field.type));
    });
  }

  private fieldDefinition(
    parentType: GraphQLNamedType,
    name: string,
  ): GraphQLField<unknown, unknown> | null {
    if (name === '__typename' && isCompositeType(parentType)) return TypeNameMetaFieldDef;
    if (parentType === this.schema.getQueryType()) {
      if (name === '__schema') return SchemaMetaFieldDef;
      if (name === '__type') return TypeMetaFieldDef;
    }
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return null;
    return parentType.getFields()[name] ?? null;
  }

  private fieldNames(parentType: GraphQLNamedType): string[] {
    const gitlab = namesAsOf(NAMES.fields[parentType.name], this.options.version);
    if (gitlab) return gitlab;
    return isObjectType(parentType) || isInterfaceType(parentType) || isInputObjectType(parentType)
      ? Object.keys(parentType.getFields())
      : [];
  }

  /** arguments_are_defined.rb, then the value, then argument_literals_are_compatible.rb. */
  private argument(node: ArgumentNode, owner: ArgumentOwner): void {
    this.within(node.name.value, () => {
      const name = node.name.value;
      const definition = argumentDefinition(owner, name);
      if (!definition) {
        const [kind, ownerName] =
          owner.kind === 'field'
            ? ['Field', owner.node.alias?.value ?? owner.node.name.value]
            : owner.kind === 'input'
              ? ['InputObject', owner.type.name]
              : ['Directive', owner.node.name.value];
        this.add({
          message: `${kind} '${ownerName}' doesn't accept argument '${name}'${this.suggestion(name, () => this.argumentNames(owner))}`,
          ...at(node),
          path: [...this.path],
          extensions: {
            code: 'argumentNotAccepted',
            name: ownerName,
            typeName: kind,
            argumentName: name,
          },
        });
        return;
      }
      const errorsBefore = this.errors.length;
      this.value(node.value, definition.type);
      if (node.value.kind === Kind.VARIABLE) return;
      // graphql-ruby reports the whole argument only when nothing inside it was reported.
      if (this.errors.length > errorsBefore) return;
      if (literalIsValid(node.value, definition.type)) return;
      const [kind, ownerName, parentNode] =
        owner.kind === 'field'
          ? ['Field', owner.node.alias?.value ?? owner.node.name.value, owner.node]
          : owner.kind === 'input'
            ? ['InputObject', owner.type.name, owner.node]
            : ['Directive', owner.node.name.value, owner.node];
      this.add({
        message: `Argument '${name}' on ${kind} '${ownerName}' has an invalid value (${print(node.value)}). Expected type '${String(definition.type)}'.`,
        ...at(parentNode),
        path: [...this.path],
        extensions: { code: 'argumentLiteralsIncompatible', typeName: kind, argumentName: name },
      });
    });
  }

  private argumentNames(owner: ArgumentOwner): string[] {
    if (owner.kind === 'field') {
      const gitlab = namesAsOf(
        NAMES.args[`${owner.parentType.name}.${owner.field.name}`],
        this.options.version,
      );
      return gitlab ?? owner.field.args.map((a) => a.name);
    }
    if (owner.kind === 'input') return this.fieldNames(owner.type);
    return owner.directive?.args.map((a) => a.name) ?? [];
  }

  /** Walks a value: variables count as used, input objects' fields as arguments. */
  private value(node: ValueNode, type: GraphQLInputType): void {
    if (node.kind === Kind.VARIABLE) {
      this.usage?.used.set(node.name.value, node);
      return;
    }
    const nullable = getNullableType(type);
    if (node.kind === Kind.LIST) {
      const item = isListType(nullable) ? nullable.ofType : nullable;
      for (const value of node.values) this.value(value, item);
      return;
    }
    if (node.kind === Kind.OBJECT && isInputObjectType(nullable)) {
      for (const field of node.fields)
        this.argument(
          { kind: Kind.ARGUMENT, name: field.name, value: field.value, loc: field.loc },
          { kind: 'input', node, type: nullable },
        );
    }
  }

  /** directives_are_defined.rb: one error per unknown name, located at each use. */
  private directives(directives: readonly DirectiveNode[] | undefined): void {
    for (const node of directives ?? []) {
      const name = node.name.value;
      const directive = this.schema.getDirective(name);
      if (!directive) {
        const known = this.undefinedDirectives.get(name);
        if (known) {
          known.locations?.push(...(at(node).locations ?? []));
          continue;
        }
        const error: GitLabGraphQLError = {
          message: `Directive @${name} is not defined${this.suggestion(name, () =>
            this.schema.getDirectives().map((d) => d.name),
          )}`,
          locations: at(node).locations ?? [],
          path: [...this.path],
          extensions: { code: 'undefinedDirective', directiveName: name },
        };
        this.undefinedDirectives.set(name, error);
        this.add(error);
        continue;
      }
      for (const argument of node.arguments ?? [])
        this.argument(argument, { kind: 'directive', node, directive });
    }
  }

  private within(segment: string, walk: () => void): void {
    this.path.push(segment);
    try {
      walk();
    } finally {
      this.path.pop();
    }
  }

  /** variables_are_used_and_defined.rb: checked per operation, through the fragments it spreads. */
  private unusedVariables(): void {
    for (const [definition, usage] of this.usages) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const used = new Map(usage.used);
      for (const fragment of this.reachableFragments(usage.spreads))
        for (const [name, node] of this.usages.get(fragment)?.used ?? []) used.set(name, node);
      const operationName = definition.name?.value ?? `anonymous ${definition.operation}`;
      const operationPath = [
        `${definition.operation}${definition.name ? ` ${definition.name.value}` : ''}`,
      ];
      for (const [name] of usage.declared)
        if (!used.has(name))
          this.add({
            message: `Variable $${name} is declared by ${operationName} but not used`,
            ...at(definition),
            path: operationPath,
            extensions: { code: 'variableNotUsed', variableName: name },
          });
      for (const [name, node] of used)
        if (!usage.declared.has(name))
          this.add({
            message: `Variable $${name} is used by ${operationName} but not declared`,
            ...at(node),
            path: operationPath,
            extensions: { code: 'variableNotDefined', variableName: name },
          });
    }
  }

  /** fragments_are_used.rb: a fragment no operation reaches (through the walked spreads). */
  private unusedFragments(): void {
    const reached = new Set<FragmentDefinitionNode>();
    for (const [definition, usage] of this.usages)
      if (definition.kind === Kind.OPERATION_DEFINITION)
        for (const fragment of this.reachableFragments(usage.spreads)) reached.add(fragment);
    for (const fragment of this.fragments.values())
      if (!reached.has(fragment))
        this.add({
          message: `Fragment ${fragment.name.value} was defined, but not used`,
          ...at(fragment),
          path: [`fragment ${fragment.name.value}`],
          extensions: { code: 'useAndDefineFragment', fragmentName: fragment.name.value },
        });
  }

  private reachableFragments(spreads: Iterable<string>): Set<FragmentDefinitionNode> {
    const reached = new Set<FragmentDefinitionNode>();
    const queue = [...spreads];
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const fragment = this.fragments.get(name);
      if (!fragment || reached.has(fragment)) continue;
      reached.add(fragment);
      queue.push(...(this.usages.get(fragment)?.spreads ?? []));
    }
    return reached;
  }
}

const TOO_MANY_ERRORS = Symbol('too many validation errors');

type ArgumentOwner =
  | {
      kind: 'field';
      node: FieldNode;
      field: GraphQLField<unknown, unknown>;
      parentType: GraphQLNamedType;
    }
  | { kind: 'input'; node: ObjectValueNode; type: GraphQLInputObjectType }
  | { kind: 'directive'; node: DirectiveNode; directive: GraphQLDirective | null };

function argumentDefinition(
  owner: ArgumentOwner,
  name: string,
): GraphQLArgument | GraphQLInputField | null {
  if (owner.kind === 'field') return owner.field.args.find((a) => a.name === name) ?? null;
  if (owner.kind === 'input') return owner.type.getFields()[name] ?? null;
  return owner.directive?.args.find((a) => a.name === name) ?? null;
}

function at(node: { loc?: { startToken: { line: number; column: number } } | undefined }): {
  locations?: { line: number; column: number }[];
} {
  return node.loc
    ? { locations: [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] }
    : {};
}

/** Whether a literal (variables inside taken as fine) fits a type, as graphql-ruby's literal validator judges. */
function literalIsValid(node: ValueNode, type: GraphQLInputType): boolean {
  if (node.kind === Kind.VARIABLE) return true;
  if (isNonNullType(type)) return node.kind !== Kind.NULL && literalIsValid(node, type.ofType);
  if (node.kind === Kind.NULL) return true;
  if (isListType(type))
    return node.kind === Kind.LIST
      ? node.values.every((value) => literalIsValid(value, type.ofType))
      : literalIsValid(node, type.ofType);
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return false;
    const fields = type.getFields();
    const given = new Map(node.fields.map((f) => [f.name.value, f.value]));
    if ([...given.keys()].some((name) => !fields[name])) return false;
    return Object.values(fields).every((field) => {
      const value = given.get(field.name);
      if (value === undefined)
        return !isNonNullType(field.type) || field.defaultValue !== undefined;
      return literalIsValid(value, field.type);
    });
  }
  if (isEnumType(type)) return node.kind === Kind.ENUM && type.getValue(node.value) !== undefined;
  if (isScalarType(type)) {
    try {
      return type.parseLiteral(node, undefined) !== undefined;
    } catch {
      return false;
    }
  }
  return false;
}

// ---- variable values -------------------------------------------------------------------------

/**
 * The values given for an operation's variables, checked as graphql-ruby checks them before it
 * runs anything (GraphQL::Query::VariableValidationError): "Variable $input of type
 * WorkItemCreateInput! was provided invalid value for customFieldsWidget (Field is not defined on
 * WorkItemCreateInput)", with `extensions: { value, problems }`.
 */
export function variableErrorsFor(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GitLabGraphQLError[] {
  const errors: GitLabGraphQLError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const name = definition.variable.name.value;
    const given = Object.prototype.hasOwnProperty.call(variables, name);
    const value = given ? variables[name] : definition.defaultValue ? undefined : null;
    if (!given && definition.defaultValue) continue;
    const problems: { path: (string | number)[]; explanation: string }[] = [];
    valueProblems(value ?? null, type, [], problems);
    if (!problems.length) continue;
    const named = problems
      .filter((p) => p.path.length)
      .map((p) => `${p.path.join('.')} (${p.explanation})`);
    errors.push({
      message: `Variable $${name} of type ${String(type)} was provided invalid value${named.length ? ` for ${named.join(', ')}` : ''}`,
      ...at(definition),
      extensions: { value: value ?? null, problems },
    });
  }
  return errors;
}

function valueProblems(
  value: unknown,
  type: GraphQLInputType,
  path: (string | number)[],
  problems: { path: (string | number)[]; explanation: string }[],
): void {
  if (isNonNullType(type)) {
    if (value === null || value === undefined)
      problems.push({ path, explanation: 'Expected value to not be null' });
    else valueProblems(value, type.ofType, path, problems);
    return;
  }
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    if (Array.isArray(value))
      value.forEach((item, i) => valueProblems(item, type.ofType, [...path, i], problems));
    else valueProblems(value, type.ofType, path, problems);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({
        path,
        explanation: `Expected ${JSON.stringify(value)} to be a key-value object.`,
      });
      return;
    }
    const fields = type.getFields();
    const given = value as Record<string, unknown>;
    for (const key of Object.keys(given))
      if (!fields[key])
        problems.push({
          path: [...path, key],
          explanation: `Field is not defined on ${type.name}`,
        });
    for (const field of Object.values(fields))
      if (field.name in given)
        valueProblems(given[field.name], field.type, [...path, field.name], problems);
      else if (isNonNullType(field.type) && field.defaultValue === undefined)
        problems.push({
          path: [...path, field.name],
          explanation: 'Expected value to not be null',
        });
    return;
  }
  if (isEnumType(type)) {
    if (typeof value !== 'string' || !type.getValue(value))
      problems.push({
        path,
        explanation: `Expected ${JSON.stringify(value)} to be one of: ${type
          .getValues()
          .map((v) => v.name)
          .join(', ')}`,
      });
    return;
  }
  if (isScalarType(type)) {
    let ok: boolean;
    try {
      ok = type.parseValue(value) !== undefined;
    } catch {
      ok = false;
    }
    if (!ok)
      problems.push({
        path,
        explanation: `Could not coerce value ${JSON.stringify(value)} to ${type.name}`,
      });
  }
}
