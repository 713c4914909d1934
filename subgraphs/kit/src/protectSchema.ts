import { getNamedType, isObjectType, responsePathAsArray, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFieldMap } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRule, IRules } from 'graphql-shield';
import {
  agreements,
  applyMask,
  decide,
  decideRecord,
  forbiddenError,
  type Decision,
  type DisclosureGrant,
  type RecordAttributes,
} from '@tessera/policies';
import type { RequestIdentity } from '@tessera/runtime';
import { isEmptyProfile } from './profileFor.ts';
import type { DisclosureCollector, RecordIdentities, RecordIdentity } from './disclosures.ts';

/** How a subgraph reads the policy-relevant attributes of each kind of record it serves. */
export type RecordTypes = Readonly<Record<string, (record: unknown) => RecordAttributes>>;

/** Declares how to read a record type's attributes from its row. */
export function recordType<Row>(attributesOf: (row: Row) => RecordAttributes): (record: unknown) => RecordAttributes {
  return attributesOf as (record: unknown) => RecordAttributes;
}

/** What federation needs to work at all; `_entities` itself is open, the fields of each entity are not. */
const federationFields = new Set(['Query._service', 'Query._entities', '_Service.sdl']);

/**
 * The data owner's enforcement, from the same agreements as the gateway's: graphql-shield denies every
 * field no rule allows (default deny, `_entities` paths included), reading the parent record where the
 * decision depends on it; a middleware drops from lists the records a caller may not even know of, and
 * masks the values a rule releases only in part.
 */
export function protectSchema(
  schema: GraphQLSchema,
  recordTypes: RecordTypes,
  identities: RecordIdentities,
): GraphQLSchema {
  const rules: Record<string, Record<string, ShieldRule>> = {};
  const middleware: Record<string, Record<string, FieldMiddleware>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const attributesOf = recordTypes[type.name];
    const identify = identities[type.name];
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      (rules[type.name] ??= {})[field.name] = federationFields.has(coordinate)
        ? allow
        : fieldRule(coordinate, attributesOf);
      const returned = getNamedType(field.type).name;
      const returnedAttributes = recordTypes[returned];
      const released = releaseMiddleware(type.name, field.name, attributesOf, identify);
      const filtered = returnedAttributes ? recordFilter(returned, returnedAttributes) : undefined;
      if (released || filtered) (middleware[type.name] ??= {})[field.name] = chain(released, filtered)!;
    }
  }
  const permissions = shield(rules as IRules, {
    fallbackRule: deny,
    fallbackError: () =>
      forbiddenError('unknown field', {
        rule: 'default-deny',
        legalBasis: 'No agreement provides for this disclosure.',
      }),
    // Resolver errors (a malformed identifier, a record not found) reach the client with their own codes.
    allowExternalErrors: true,
  });
  return applyMiddleware(schema, permissions, middleware as unknown as IMiddlewareFieldMap);
}

type Context = RequestIdentity & {
  readonly disclosures: DisclosureCollector;
  /** The caller's disclosure grants in force at this owner, read once per request when first needed. */
  readonly grants?: () => Promise<readonly DisclosureGrant[]>;
};

/** The owner's decision on a field: the agreements', then, where they withhold it, the caller's grants. */
function decisionFor(
  context: Context,
  coordinate: string,
  record: RecordAttributes | undefined,
): Decision | Promise<Decision> {
  const standing = decide(context.principal, context.purpose, coordinate, record);
  // The common case stays synchronous: only a withheld field waits for the caller's grants.
  if (!context.grants || standing.effect === 'allow' || standing.effect === 'mask') return standing;
  return context
    .grants()
    .then((grants) =>
      grants.length > 0 ? decide(context.principal, context.purpose, coordinate, record, grants) : standing,
    );
}

/** Whether the caller may know a record exists: the agreements, then the caller's grants. */
function isVisible(context: Context, typeName: string, record: RecordAttributes): boolean | Promise<boolean> {
  const standing = decideRecord(context.principal, context.purpose, typeName, record);
  if (standing.effect !== 'deny' || !context.grants) return standing.effect !== 'deny';
  return context
    .grants()
    .then((grants) => decideRecord(context.principal, context.purpose, typeName, record, grants).effect !== 'deny');
}
type Resolve = (parent: unknown, args: unknown, context: Context, info: GraphQLResolveInfo) => unknown;
/**
 * A field middleware: wraps the field's own resolver. It answers without a promise when the resolver and the
 * decision do: a promise for every field of every record made graphql-js's handling of them cost more than
 * the decisions (as it did in graphql-shield, which the workspace patches for the same reason).
 */
type FieldMiddleware = (
  resolve: Resolve,
  parent: unknown,
  args: unknown,
  context: Context,
  info: GraphQLResolveInfo,
) => unknown;

/** Applies `next` to a value now, or once it is there (a resolver may answer with any thenable, a query's). */
function andThen<T, R>(value: T | PromiseLike<T>, next: (value: T) => R): R | Promise<R | Awaited<R>> {
  return isThenable(value) ? Promise.resolve(value).then(next) : next(value);
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
type ShieldRule = IRule | typeof allow;

/** One shield rule per coordinate (shield refuses two rules of one name). */
function fieldRule(coordinate: string, attributesOf: ((record: unknown) => RecordAttributes) | undefined): ShieldRule {
  // Not cached by shield: its per-parent cache hashes the whole row for a key, which costs far more than
  // deciding again, and a cached error would carry the path of the field where it was first made.
  return rule(`field:${coordinate}`, { cache: 'no_cache' })(
    (parent: unknown, _args: unknown, context: Context, info: GraphQLResolveInfo) => {
      const judge = (decision: Decision) =>
        decision.effect === 'allow' || decision.effect === 'mask'
          ? true
          : forbiddenError(coordinate, decision, responsePathAsArray(info.path), info.fieldNodes);
      return andThen(decisionFor(context, coordinate, attributesOf?.(parent)), judge);
    },
  );
}

/** Keeps out of a list (or turns to null) each record the caller may not know exists. */
function recordFilter(typeName: string, attributesOf: (record: unknown) => RecordAttributes): FieldMiddleware {
  return (resolve, parent, args, context: Context, info) =>
    andThen(resolve(parent, args, context, info), (value) => {
      if (Array.isArray(value)) {
        // Each record is judged at once; only one the clauses withhold waits for the caller's grants.
        const shown = value.map((record) => isVisible(context, typeName, attributesOf(record)));
        const keep = (visible: readonly boolean[]) => value.filter((_, index) => visible[index]);
        return shown.some(isThenable) ? Promise.all(shown).then(keep) : keep(shown as boolean[]);
      }
      if (value === null || value === undefined) return value;
      return andThen(isVisible(context, typeName, attributesOf(value)), (visible) => (visible ? value : null));
    });
}

/**
 * What a released field costs the owner after shield has let it through, decided once: the mask of a
 * `mask` decision, and a note of the release for the disclosure log. Undefined where neither applies.
 */
function releaseMiddleware(
  typeName: string,
  fieldName: string,
  attributesOf: ((record: unknown) => RecordAttributes) | undefined,
  identify: ((record: unknown) => RecordIdentity) | undefined,
): FieldMiddleware | undefined {
  const coordinate = `${typeName}.${fieldName}`;
  const maskable = isEverMasked(coordinate);
  if (!maskable && !identify) return undefined;
  return (resolve, parent, args, context, info) =>
    andThen(resolve(parent, args, context, info), (value) =>
      andThen(decisionFor(context, coordinate, attributesOf?.(parent)), (decision) => {
        if (identify && !isEmptyProfile(parent))
          context.disclosures.note(typeName, identify(parent), fieldName, decision);
        return maskable && decision.effect === 'mask' && decision.mask ? applyMask(decision.mask, value) : value;
      }),
    );
}

function isEverMasked(coordinate: string): boolean {
  return maskedCoordinates().has(coordinate) || maskedCoordinates().has(`${coordinate.split('.')[0]}.*`);
}

let masked: Set<string> | undefined;
function maskedCoordinates(): Set<string> {
  masked ??= new Set(
    agreements.flatMap((agreement) => agreement.rules.filter((r) => r.effect === 'mask').flatMap((r) => r.fields)),
  );
  return masked;
}

function chain(first: FieldMiddleware | undefined, second: FieldMiddleware | undefined): FieldMiddleware | undefined {
  if (!first) return second;
  if (!second) return first;
  return (resolve, parent, args, context, info) =>
    first((p, a, c, i) => second(resolve, p, a, c, i), parent, args, context, info);
}
