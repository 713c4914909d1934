import { agreementOf, agreements } from './agreements.ts';
import type { StandingWatchClause } from './rule.ts';

/** The standing-watch clauses in force: each stated by its owner and answered by the owner it watches. */
function clausesInForce(owner: string): readonly StandingWatchClause[] {
  return (agreementOf(owner)?.standingWatches ?? []).filter((clause) =>
    agreements.some(
      (agreement) =>
        agreement.owner === clause.watches.owner &&
        (agreement.answersStandingWatches ?? []).some((answer) => answer.clause === clause.id),
    ),
  );
}

/** The standing watches an owner's record of these kinds sets up. */
export function standingWatchesSetBy(owner: string, kinds: readonly string[]): readonly StandingWatchClause[] {
  return clausesInForce(owner).filter((clause) => kinds.includes(clause.kind));
}

/** The standing watches an owner's event of this type ends. */
export function standingWatchesEndedBy(owner: string, eventType: string): readonly StandingWatchClause[] {
  return clausesInForce(owner).filter((clause) => clause.endedBy.includes(eventType));
}
