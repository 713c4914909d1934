import fc from 'fast-check';
import {
  agencies,
  type Agency,
  agreements,
  clearances,
  dataSubjectCategories,
  disseminations,
  isPurposeGranted,
  privileges,
  purposes,
  roles,
  type Principal,
  type Purpose,
  type RecordAttributes,
  type Role,
} from '../src/index.ts';

/** Any principal the vocabulary allows. */
const anyPrincipal: fc.Arbitrary<Principal> = fc.record({
  issuer: fc.constant('https://idp.test'),
  subject: fc.constant('someone'),
  agency: fc.constantFrom(...agencies),
  roles: fc.uniqueArray(fc.constantFrom(...roles), { minLength: 1, maxLength: 3 }),
  clearance: fc.constantFrom(...clearances),
  privileges: fc.uniqueArray(fc.constantFrom(...privileges), { maxLength: 3 }),
});

/** The shapes of the partners the agreements speak of, so that generated callers often hold a grant. */
const partnerShapes: fc.Arbitrary<Principal> = fc.record({
  issuer: fc.constant('https://idp.test'),
  subject: fc.constant('partner'),
  agency: fc.constantFrom('police' as const, 'customs' as const, 'probation' as const),
  roles: fc.constantFrom(
    ['officer' as const],
    ['investigator' as const],
    ['analyst' as const],
    ['supervisor' as const],
  ),
  clearance: fc.constantFrom('OFFICIAL-SENSITIVE' as const, 'SECRET' as const),
  privileges: fc.constantFrom([], ['sworn' as const], ['sworn' as const, 'intelligence-certified' as const]),
});

/** Half any principal at all, half a plausible partner. */
export const principalArbitrary: fc.Arbitrary<Principal> = fc.oneof(anyPrincipal, partnerShapes);

/** A principal and the same principal with less: a clearance no higher, some of its privileges, some of its roles. */
export const narrowedArbitrary: fc.Arbitrary<[Principal, Principal]> = principalArbitrary.chain((who) =>
  fc
    .record({
      clearance: fc.constantFrom(...clearances.slice(0, clearances.indexOf(who.clearance) + 1)),
      privileges: fc.subarray([...who.privileges]),
      roles: fc.subarray([...who.roles], { minLength: 1 }),
    })
    .map((less): [Principal, Principal] => [who, { ...who, ...less }]),
);

export const purposeArbitrary = fc.option(fc.constantFrom(...purposes), { nil: null });

/** A purpose, often one the agreements grant the principal. */
export function purposeOftenGranted(principal: Principal): fc.Arbitrary<Purpose | null> {
  const granted = purposes.filter((purpose) => isPurposeGranted(principal, purpose));
  return granted.length > 0 ? fc.oneof(fc.constantFrom(...granted), purposeArbitrary) : purposeArbitrary;
}

/** A principal and a purpose, often one the agreements grant that principal. */
export const callerArbitrary: fc.Arbitrary<[Principal, Purpose | null]> = principalArbitrary.chain((principal) =>
  fc.tuple(fc.constant(principal), purposeOftenGranted(principal)),
);

/**
 * A caller of one of the agencies in one role, clearance, privileges and purpose generated (the purpose one of
 * `purposeOf` when given): mixed with `callerArbitrary`, it keeps what only a few callers may do common enough that a
 * property sees both sides of its line in every run, not only in most.
 */
export function callerAsArbitrary(
  agencyOf: readonly Agency[],
  role: Role,
  purposeOf?: readonly Purpose[],
): fc.Arbitrary<[Principal, Purpose | null]> {
  return fc
    .record({
      issuer: fc.constant('https://idp.test'),
      subject: fc.constant(role),
      agency: fc.constantFrom(...agencyOf),
      roles: fc.constant([role]),
      clearance: fc.constantFrom(...clearances),
      privileges: fc.uniqueArray(fc.constantFrom(...privileges), { maxLength: 2 }),
    })
    .chain((principal) =>
      fc.tuple(fc.constant(principal), purposeOf ? fc.constantFrom(...purposeOf) : purposeOftenGranted(principal)),
    );
}

/** Every coordinate any agreement holds or names, wildcards expanded to a field of their own. */
export const coordinateArbitrary = fc.constantFrom(
  ...new Set(
    agreements.flatMap((agreement) =>
      [...agreement.owns, ...agreement.rules.flatMap((rule) => rule.fields)].map((pattern) =>
        pattern.endsWith('.*') ? pattern.replace('*', 'anyField') : pattern,
      ),
    ),
  ),
);

const kinds = ['violence', 'weapons', 'drugs', 'self-harm', 'no-foreign-travel', 'curfew'];

export const recordArbitrary: fc.Arbitrary<RecordAttributes> = fc.record(
  {
    dataSubjectCategory: fc.constantFrom(...dataSubjectCategories),
    kinds: fc.uniqueArray(fc.constantFrom(...kinds), { maxLength: 2 }),
    handlingCode: fc.constantFrom('P' as const, 'C' as const),
    handlingConditions: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('not-to-agency' as const), value: fc.constantFrom(...agencies) }),
        fc.record({ kind: fc.constant('only-to-agency' as const), value: fc.constantFrom(...agencies) }),
        fc.record({ kind: fc.constant('only-for-purpose' as const), value: fc.constantFrom(...purposes) }),
      ),
      { maxLength: 2 },
    ),
    dissemination: fc.constantFrom(...disseminations),
    pastReviewDate: fc.boolean(),
  },
  { requiredKeys: [] },
);
