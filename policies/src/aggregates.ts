import { agreements } from './agreements.ts';
import { recipientMatches } from './decide.ts';
import type { Principal } from './principal.ts';
import type { AggregateClause } from './rule.ts';
import type { Purpose } from './vocabulary.ts';

/** The least a count may be before it is released, where a clause says nothing finer. */
export const defaultK = 5;

/**
 * The clause under which an owner releases counts of a dataset to a principal for a purpose: the first
 * the owner's agreement lists that names them. None: nothing is released, not even that there is data.
 */
export function aggregateClauseFor(
  principal: Principal,
  purpose: Purpose,
  owner: string,
  dataset: string,
): AggregateClause | undefined {
  return agreements
    .find((agreement) => agreement.owner === owner)
    ?.aggregates?.find(
      (clause) =>
        clause.dataset === dataset && clause.purposes.includes(purpose) && recipientMatches(clause, principal),
    );
}

/** The datasets each owner counts under some clause. */
export function aggregateDatasets(): readonly { readonly owner: string; readonly dataset: string }[] {
  const seen = new Map<string, { owner: string; dataset: string }>();
  for (const agreement of agreements) {
    for (const clause of agreement.aggregates ?? []) {
      seen.set(`${agreement.owner}/${clause.dataset}`, { owner: agreement.owner, dataset: clause.dataset });
    }
  }
  return [...seen.values()];
}
