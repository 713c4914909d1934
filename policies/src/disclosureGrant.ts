import { covers, typeOf } from './coordinates.ts';
import type { Principal } from './principal.ts';
import type { Coordinate, Decision, RecordAttributes } from './rule.ts';
import type { Purpose } from './vocabulary.ts';

/**
 * An owner's decision, as a person, to release what no standing agreement releases: to one principal,
 * for one purpose, these fields of these records, until it expires or is revoked. Callers pass only the
 * grants in force (they keep the clock); a grant is then a rule source like any clause.
 */
export interface DisclosureGrant {
  /** `<owner>:<uuid>`; decisions name it as the rule `grant:<id>`. */
  readonly id: string;
  readonly owner: string;
  readonly grantee: { readonly issuer: string; readonly subject: string };
  readonly purpose: Purpose;
  /** The fields approved, with the fields on the path to them (`Person.police`, the profile's list). */
  readonly fields: readonly Coordinate[];
  /** The records it releases, as hits name them. */
  readonly records: readonly string[];
  /** Who approved it, when, and their note: its legal basis. */
  readonly legalBasis: string;
}

/** The grant in force that releases this field (of this record) to this principal for this purpose, if any. */
export function grantFor(
  grants: readonly DisclosureGrant[],
  principal: Principal,
  purpose: Purpose | null,
  coordinate: string,
  record: RecordAttributes | undefined,
  match: 'the field' | 'any field of the type' = 'the field',
): DisclosureGrant | undefined {
  const type = typeOf(coordinate);
  const names = (pattern: Coordinate) =>
    match === 'the field' ? covers(pattern, coordinate) : typeOf(pattern) === type;
  return grants.find(
    (grant) =>
      grant.grantee.issuer === principal.issuer &&
      grant.grantee.subject === principal.subject &&
      grant.purpose === purpose &&
      grant.fields.some(names) &&
      (record?.id === undefined || grant.records.includes(record.id)),
  );
}

/** A release under a grant: conditional where no record is at hand yet (the owner judges each one). */
export function grantDecision(grant: DisclosureGrant, record: RecordAttributes | undefined): Decision {
  return {
    effect: 'allow',
    rule: `grant:${grant.id}`,
    legalBasis: grant.legalBasis,
    conditional: record === undefined,
    reviewRequired: false,
  };
}
