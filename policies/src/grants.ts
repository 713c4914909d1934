import type { Rule } from './rule.ts';
import type { Agency, Clearance, Privilege, Purpose, Role } from './vocabulary.ts';

/** Exactly what one rule grants one agency: its roles, for these purposes, with these further conditions. */
export interface Grant {
  readonly rule: string;
  readonly agency: Agency;
  readonly roles: readonly Role[];
  readonly purposes: readonly Purpose[] | 'any';
  /** false: the rule serves the purposes other rules grant, and makes none lawful by itself. */
  readonly grantsPurpose: boolean;
  readonly minimumClearance?: Clearance;
  readonly privileges: readonly Privilege[];
}

/** The grants of a rule, one per agency it names: what `decide()` honours, and nothing more. */
export function grantsOf(rule: Rule): Grant[] {
  return Object.entries(rule.recipients.byAgency).map(([agency, roles]) => ({
    rule: rule.id,
    agency: agency as Agency,
    roles: roles ?? [],
    purposes: rule.purposes,
    grantsPurpose: rule.grantsPurpose !== false && rule.purposes !== 'any',
    ...(rule.recipients.minimumClearance ? { minimumClearance: rule.recipients.minimumClearance } : {}),
    privileges: rule.recipients.privileges ?? [],
  }));
}

/** One line a reviewer reads: `police-9.1: oversight auditor, for oversight-audit`. */
export function describeGrant(grant: Grant): string {
  const purposes =
    grant.purposes === 'any'
      ? 'for any purpose (no purpose needed)'
      : `for ${grant.purposes.join(', ')}${grant.grantsPurpose ? '' : ' (granted by another clause; this one grants no purpose)'}`;
  const conditions = [
    ...(grant.minimumClearance ? [`cleared ${grant.minimumClearance} or above`] : []),
    ...(grant.privileges.length > 0 ? [`holding ${grant.privileges.join(' and ')}`] : []),
  ];
  return `${grant.rule}: ${grant.agency} ${grant.roles.join(' or ')}${conditions.length ? `, ${conditions.join(', ')}` : ''}, ${purposes}`;
}
