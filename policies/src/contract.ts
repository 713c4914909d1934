import {
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type TypeNode,
} from 'graphql';
import { agreements } from './agreements.ts';
import { covers, typeOf } from './coordinates.ts';
import type { Agency } from './vocabulary.ts';

/**
 * An agency's contract: the part of the hub's API that some agreement could ever release to it, as SDL
 * a partner can read and generate client types from. A field is in it when a rule covering it names
 * the agency among its recipients, or when it is a pointer field of a record type the agency may be
 * told of (that a record exists, and whom to contact). Types keep only those fields; a type with none,
 * and an input or enum no kept field uses, is left out.
 */
export function contractFor(schema: GraphQLSchema, agency: Agency): string {
  // Sorted, so that the same API gives the same text however it was assembled.
  const document = parse(printSchema(lexicographicSortSchema(schema)));
  const released = releasedTo(agency);
  const keptFields = new Map<string, FieldDefinitionNode[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const fields = (definition.fields ?? []).filter((field) =>
      released(`${definition.name.value}.${field.name.value}`),
    );
    if (fields.length > 0) keptFields.set(definition.name.value, fields);
  }
  const byName = new Map(
    document.definitions.flatMap((definition) =>
      'name' in definition && definition.name ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const isObject = (name: string) => byName.get(name)?.kind === Kind.OBJECT_TYPE_DEFINITION;
  // A field whose type is an object left out goes too, and with it perhaps its type: until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, fields] of keptFields) {
      const reachable = fields.filter(
        (field) => !isObject(namedType(field.type)) || keptFields.has(namedType(field.type)),
      );
      if (reachable.length === fields.length) continue;
      changed = true;
      if (reachable.length > 0) keptFields.set(name, reachable);
      else keptFields.delete(name);
    }
  }
  // The inputs, enums and scalars the kept fields use, and the inputs those use in turn.
  const used = new Set<string>();
  const use = (type: TypeNode): void => {
    const name = namedType(type);
    if (used.has(name) || keptFields.has(name)) return;
    used.add(name);
    const definition = byName.get(name);
    if (definition?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION)
      for (const field of definition.fields ?? []) use(field.type);
  };
  for (const fields of keptFields.values()) {
    for (const field of fields) {
      use(field.type);
      for (const argument of field.arguments ?? []) use((argument as InputValueDefinitionNode).type);
    }
  }
  const definitions: DefinitionNode[] = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (!('name' in definition) || !definition.name) return [];
    const name = definition.name.value;
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      const fields = keptFields.get(name);
      return fields ? [{ ...definition, fields }] : [];
    }
    return used.has(name) ? [definition] : [];
  });
  return `${print({ kind: Kind.DOCUMENT, definitions } satisfies DocumentNode)}\n`;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function releasedTo(agency: Agency): (coordinate: string) => boolean {
  const granted = agreements.flatMap((agreement) =>
    agreement.rules
      .filter((rule) => (rule.recipients.byAgency[agency] ?? []).length > 0)
      .flatMap((rule) => rule.fields),
  );
  const grantedTypes = new Set(granted.map(typeOf));
  const pointers = agreements
    .flatMap((agreement) => agreement.partnerRecordRules?.gray.pointerFields ?? [])
    .filter((pattern) => grantedTypes.has(typeOf(pattern)));
  const patterns = [...granted, ...pointers];
  return (coordinate) => patterns.some((pattern) => covers(pattern, coordinate));
}
