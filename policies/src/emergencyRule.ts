import type { Coordinate, Rule } from './rule.ts';
import type { Agency } from './vocabulary.ts';

/**
 * A threat-to-life clause: the same for every owner by design. Sworn officers of the named partners
 * see the record, and every such access is flagged for the owner's review afterwards.
 */
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
    recipients: { agencies: clause.partners, roles: ['officer', 'investigator', 'supervisor'], privileges: ['sworn'] },
    purposes: ['threat-to-life'],
    fields: clause.fields,
    effect: 'allow',
    reviewRequired: true,
  };
}
