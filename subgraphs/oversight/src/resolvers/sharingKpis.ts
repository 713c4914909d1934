import { sql } from 'drizzle-orm';
import { agreementOfAgency, codedError, type Principal } from '@tessera/policies';
import { queryRows, type Database } from '@tessera/runtime';
import type { DisclosureRequestView } from '@tessera/subgraph-kit';
import { hubLog, periodArgument } from '../readLog.ts';

/** How one clause served partners in a period: what it released, what it withheld, how fast. */
interface ClauseKpi {
  clause: string;
  consultations: number;
  recordsReleased: number;
  consultationsWithDenials: number;
  alerts: number;
  medianAnswerMs: number | null;
}

/**
 * The measures of inter-agency sharing over a period, from the trail itself: per clause, the
 * consultations it released records in, the records, the consultations it withheld fields in, the
 * alerts it released, and the median answer time; per owner, follow-up requests and how long their
 * decisions took. One statement over the hub's log, whatever the number of consultations.
 */
export async function sharingKpis(
  db: Database<Record<string, unknown>>,
  followUps: () => Promise<readonly DisclosureRequestView[]>,
  range: { from: string; to: string },
) {
  const { from, to } = periodArgument(range);
  const rows = await queryRows<{
    clause: string;
    consultations: number;
    records: number;
    denials: number;
    alerts: number;
    median_ms: number | null;
  }>(
    db,
    sql`with consultation as (
          select seq, entry::jsonb as entry from ${hubLog}.audit_log
          where kind = 'consultation' and recorded_at >= ${from.toISOString()} and recorded_at < ${to.toISOString()}
        ),
        released as (
          select rule as clause, seq, (entry ->> 'durationMs')::int as ms, entry ? 'alert' as alert
          from consultation, jsonb_array_elements(entry -> 'disclosed') as record,
            jsonb_array_elements_text(record -> 'rules') as rule
        ),
        denied as (
          select rule as clause, seq from consultation, jsonb_array_elements_text(entry -> 'deniedBy') as rule
        ),
        released_by_clause as (
          select clause, count(distinct seq)::int as consultations, count(*)::int as records,
            count(distinct seq) filter (where alert)::int as alerts,
            percentile_cont(0.5) within group (order by ms) as median_ms
          from released group by clause
        ),
        denied_by_clause as (select clause, count(distinct seq)::int as denials from denied group by clause)
        select clause, coalesce(r.consultations, 0) as consultations, coalesce(r.records, 0) as records,
          coalesce(d.denials, 0) as denials, coalesce(r.alerts, 0) as alerts, r.median_ms
        from released_by_clause r full join denied_by_clause d using (clause)
        order by clause`,
  );
  const clauses: ClauseKpi[] = rows.map((row) => ({
    clause: row.clause,
    consultations: row.consultations,
    recordsReleased: row.records,
    consultationsWithDenials: row.denials,
    alerts: row.alerts,
    medianAnswerMs: row.median_ms === null ? null : Number(row.median_ms),
  }));
  const requests = (await followUps()).filter((request) => {
    const at = Date.parse(request.requestedAt);
    return at >= from.getTime() && at < to.getTime();
  });
  const owners = [...new Set(requests.map((request) => request.owner))].sort();
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    clauses,
    followUps: owners.map((owner) => {
      const mine = requests.filter((request) => request.owner === owner);
      const hours = mine
        .filter((request) => request.decidedAt)
        .map((request) => (Date.parse(request.decidedAt!) - Date.parse(request.requestedAt)) / 3_600_000)
        .sort((a, b) => a - b);
      return {
        owner,
        requests: mine.length,
        approved: mine.filter((request) => request.state === 'APPROVED').length,
        refused: mine.filter((request) => request.state === 'REFUSED').length,
        pending: mine.filter((request) => request.state === 'PENDING').length,
        medianHoursToDecide: hours.length === 0 ? null : hours[Math.floor(hours.length / 2)]!,
      };
    }),
  };
}

/** The owner whose supervisor a principal is, and its clauses; none for an auditor (who sees every clause). */
export function ownedBy(principal: Principal): { name: string; clauses: ReadonlySet<string> } | undefined {
  if (principal.agency === 'oversight') return undefined;
  const agreement = agreementOfAgency(principal.agency);
  if (!agreement) throw codedError('FORBIDDEN', 'Sharing measures are for oversight and owners’ supervisors.');
  const clauses = [...agreement.rules, ...(agreement.aggregates ?? [])].map((clause) => clause.id);
  return { name: agreement.owner, clauses: new Set(clauses) };
}
