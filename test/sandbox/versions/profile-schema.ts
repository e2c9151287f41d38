// The schema a GitLab version profile serves: the sandbox's schema (or GitLab's full one) without
// every type, field, argument, input field and enum value introduced after that version, and
// without what referred to a type that went. Also `refusalsFor`, which says how that GitLab
// refuses a document, in graphql-ruby's words.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildASTSchema,
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';
import { gitlabErrorsFor, type GitLabGraphQLError } from './gitlab-validation';
import { handKeptVersion, noteVersion } from './introductions';
import { compareVersions, gitlabProfile, type GitLabProfile, type GitLabVersion } from './profiles';

export const SANDBOX_SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));
export const GITLAB_SCHEMA_FILE = fileURLToPath(
  new URL('../../../../shared/gitlab-schema/gitlab.graphql', import.meta.url),
);

/** Which schema a profile is cut from: what the sandbox serves, or GitLab's whole schema. */
export type SchemaSource = 'sandbox' | 'gitlab';

const sdlCache = new Map<SchemaSource, DocumentNode>();
const schemaCache = new Map<string, GraphQLSchema>();

function sdlOf(source: SchemaSource): DocumentNode {
  let document = sdlCache.get(source);
  if (!document) {
    const file = source === 'sandbox' ? SANDBOX_SCHEMA_FILE : GITLAB_SCHEMA_FILE;
    document = parse(readFileSync(file, 'utf8'), { noLocation: true });
    sdlCache.set(source, document);
  }
  return document;
}

/**
 * The schema of a GitLab version profile ("17.0", "18.6", "latest"), built once per profile and
 * source. Without resolvers: the sandbox attaches its own (graphql.ts).
 */
export function profileSchema(
  version: string | GitLabProfile = 'latest',
  source: SchemaSource = 'sandbox',
): GraphQLSchema {
  const profile = typeof version === 'string' ? gitlabProfile(version) : version;
  const key = `${source}:${profile.name}`;
  let schema = schemaCache.get(key);
  if (!schema) {
    schema = buildASTSchema(profileDocument(sdlOf(source), profile.version), {
      assumeValidSDL: source === 'gitlab',
    });
    schemaCache.set(key, schema);
  }
  return schema;
}

/**
 * How a GitLab of this profile refuses a document: graphql-ruby's validation errors, in the
 * shape GitLab answers them (`{ message, locations, path, extensions }`); empty when it accepts it.
 */
export function refusalsFor(
  version: string | GitLabProfile,
  document: string,
  source: SchemaSource = 'sandbox',
): GitLabGraphQLError[] {
  const profile = typeof version === 'string' ? gitlabProfile(version) : version;
  return gitlabErrorsFor(profileSchema(profile, source), document, {
    suggestNames: profile.suggestsNames,
    version: profile.version,
  });
}

// ---- cutting the schema ----------------------------------------------------------------------

type Described = {
  description?: { value: string } | undefined;
  directives?: readonly (ConstDirectiveNode | DirectiveNode)[] | undefined;
};

/** When a member arrived: GitLab's note in its description or deprecation, else the hand list. */
export function introducedIn(node: Described, coordinate: string): GitLabVersion | null {
  const deprecation = node.directives
    ?.find((d) => d.name.value === 'deprecated')
    ?.arguments?.find((a) => a.name.value === 'reason');
  const reason = deprecation?.value.kind === Kind.STRING ? deprecation.value.value : null;
  return handKeptVersion(coordinate) ?? noteVersion(node.description?.value) ?? noteVersion(reason);
}

/**
 * When a member of a schema arrived, by its coordinate (`Type`, `Type.field`,
 * `Type.field(argument)`, `Input.field`, `Enum.VALUE`); null when it has no note (taken as older
 * than every profile); undefined when the schema has no such member.
 */
export function introductionOf(
  coordinate: string,
  source: SchemaSource = 'sandbox',
): GitLabVersion | null | undefined {
  const match = /^(\w+)(?:\.(\w+)(?:\((\w+)\))?)?$/.exec(coordinate);
  if (!match?.[1]) return undefined;
  const [, typeName, memberName, argumentName] = match;
  const definition = sdlOf(source).definitions.find(
    (d) => 'name' in d && d.name?.value === typeName && !('extend' in d),
  );
  if (!definition) return undefined;
  if (!memberName) return introducedIn(definition as Described, coordinate);
  const members =
    'fields' in definition
      ? (definition.fields ?? [])
      : 'values' in definition
        ? (definition.values ?? [])
        : [];
  const member = (
    members as readonly (Described & {
      name: { value: string };
      arguments?: readonly InputValueDefinitionNode[];
    })[]
  ).find((m) => m.name.value === memberName);
  if (!member) return undefined;
  if (!argumentName) return introducedIn(member, coordinate);
  const argument = member.arguments?.find((a) => a.name.value === argumentName);
  return argument ? introducedIn(argument, coordinate) : undefined;
}

function isNewer(node: Described, coordinate: string, version: GitLabVersion): boolean {
  const introduced = introducedIn(node, coordinate);
  return introduced !== null && compareVersions(introduced, version) > 0;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** The schema's SDL without what `version` did not have yet. */
export function profileDocument(document: DocumentNode, version: GitLabVersion): DocumentNode {
  const gone = new Set<string>();
  for (const definition of document.definitions)
    if (
      'name' in definition &&
      definition.name &&
      isNewer(definition, definition.name.value, version)
    )
      gone.add(definition.name.value);

  let definitions = document.definitions;
  // A type left without fields goes too, and with it what refers to it: repeat until nothing moves.
  for (;;) {
    const before = gone.size;
    definitions = definitions.flatMap((definition) => {
      const name = 'name' in definition ? definition.name?.value : undefined;
      if (name && gone.has(name)) return [];
      const cut = cutDefinition(definition, version, gone);
      if (cut === null && name) gone.add(name);
      return cut ? [cut] : [];
    });
    if (gone.size === before) break;
  }
  return { ...document, definitions };
}

/** One definition without its newer members; null when nothing of it is left. */
function cutDefinition(
  definition: DefinitionNode,
  version: GitLabVersion,
  gone: Set<string>,
): DefinitionNode | null {
  const keepsType = (type: TypeNode) => !gone.has(namedTypeOf(type));
  const keepArgument =
    (owner: string) =>
    (arg: InputValueDefinitionNode): boolean =>
      keepsType(arg.type) && !isNewer(arg, `${owner}(${arg.name.value})`, version);
  const keepField =
    (typeName: string) =>
    (field: FieldDefinitionNode): boolean =>
      keepsType(field.type) && !isNewer(field, `${typeName}.${field.name.value}`, version);
  const cutField =
    (typeName: string) =>
    (field: FieldDefinitionNode): FieldDefinitionNode => ({
      ...field,
      arguments: field.arguments?.filter(keepArgument(`${typeName}.${field.name.value}`)),
    });
  const keepInterface = (named: NamedTypeNode) => !gone.has(named.name.value);

  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION: {
      const typeName = definition.name.value;
      const fields = (definition.fields ?? []).filter(keepField(typeName)).map(cutField(typeName));
      if (!fields.length) return null;
      return { ...definition, fields, interfaces: definition.interfaces?.filter(keepInterface) };
    }
    case Kind.INPUT_OBJECT_TYPE_DEFINITION: {
      const typeName = definition.name.value;
      const fields = (definition.fields ?? []).filter(
        (field) =>
          keepsType(field.type) && !isNewer(field, `${typeName}.${field.name.value}`, version),
      );
      return fields.length ? { ...definition, fields } : null;
    }
    case Kind.ENUM_TYPE_DEFINITION: {
      const typeName = definition.name.value;
      const values = (definition.values ?? []).filter(
        (value: EnumValueDefinitionNode) =>
          !isNewer(value, `${typeName}.${value.name.value}`, version),
      );
      return values.length ? { ...definition, values } : null;
    }
    case Kind.UNION_TYPE_DEFINITION: {
      const types = definition.types?.filter(keepInterface) ?? [];
      return types.length ? { ...definition, types } : null;
    }
    case Kind.DIRECTIVE_DEFINITION:
      return {
        ...definition,
        arguments: definition.arguments?.filter(keepArgument(`@${definition.name.value}`)),
      };
    default:
      return definition;
  }
}
