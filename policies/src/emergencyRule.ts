import type { Coordinate, Rule } from './rule.ts';
import type { Agency, Role } from './vocabulary.ts';

/**
 * A threat-to-life clause: the same for every owner by design. Sworn officers of the named partners
 * see the record, and every such access is flagged for the owner's review afterwards.
 */
const swornRoles: readonly Role[] = ['officer', 'investigator', 'supervisor'];

export function emergencyRule(clause: {
  readonly id: string;
  readonly summary: string;
  readonly legalBasis: string;
  readonly partners: readonly Agency[];
  readonly fields: readonly Coordinate[];
}): Rule {
  return {
    id: clause.id,
    summary: clause.summary,
    legalBasis: clause.legalBasis,
    recipients: {
      byAgency: Object.fromEntries(clause.partners.map((partner) => [partner, swornRoles])),
      privileges: ['sworn'],
    },
    purposes: ['threat-to-life'],
    fields: clause.fields,
    effect: 'allow',
    reviewRequired: true,
  };
}
