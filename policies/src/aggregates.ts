import { agreementOf, agreements } from './agreements.ts';
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
  return agreementOf(owner)?.aggregates?.find(
    (clause) => clause.dataset === dataset && clause.purposes.includes(purpose) && recipientMatches(clause, principal),
  );
}

/** The datasets each owner counts under some clause (the agreements are fixed: found once). */
export const aggregateDatasets: readonly { readonly owner: string; readonly dataset: string }[] = agreements.flatMap(
  (agreement) =>
    [...new Set((agreement.aggregates ?? []).map((clause) => clause.dataset))].map((dataset) => ({
      owner: agreement.owner,
      dataset,
    })),
);
