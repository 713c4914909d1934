import type { Coordinate, Recipients, Rule } from './rule.ts';
import type { Purpose } from './vocabulary.ts';

/** The root field of a hit/no-hit check (`Query.hits`), and the type each owner adds its answer to. */
export const hitCheckField = 'hits';
export const hitCheckType = 'HitCheck';

/** What an owner answers a hit check with: its field of `HitCheck`, and its hit type. */
export function hitCoordinates(owner: string): readonly Coordinate[] {
  return [`HitCheck.${owner}`, `${owner[0]!.toUpperCase()}${owner.slice(1)}Hit.*`];
}

/**
 * A hit/no-hit clause: the named partners may learn, for these purposes, that the owner holds records
 * on a person they ask about, whom to contact, and a reference to ask with; never the content. That the
 * owner knows the person is itself a disclosure, logged like any other.
 */
export function hitRule(clause: {
  readonly id: string;
  readonly owner: string;
  readonly summary: string;
  readonly legalBasis: string;
  readonly recipients: Recipients;
  readonly purposes: readonly Purpose[];
}): Rule {
  return {
    id: clause.id,
    summary: clause.summary,
    legalBasis: clause.legalBasis,
    recipients: clause.recipients,
    purposes: clause.purposes,
    fields: hitCoordinates(clause.owner),
    effect: 'allow',
  };
}
