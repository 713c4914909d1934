import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@tessera/runtime';
import { hubLog, periodArgument } from '../readLog.ts';

const dayMs = 86_400_000;

/** One day's consultations by outcome. */
interface ActivityDay {
  day: string;
  allowed: number;
  partlyDenied: number;
  refused: number;
}

/**
 * The trail's consultations over a period, per day (UTC) and outcome, with every day of the period
 * (none left out for having no consultation), and the rules that withheld fields, by the number of
 * consultations each withheld in. One statement over the hub's log.
 */
export async function consultationActivity(db: Database<Record<string, unknown>>, range: { from: string; to: string }) {
  const { from, to } = periodArgument(range);
  const rows = await queryRows<{ kind: 'day' | 'rule'; key: string; outcome: string | null; count: number }>(
    db,
    sql`with consultation as (
          select recorded_at, outcome, entry::jsonb -> 'deniedBy' as denied_by from ${hubLog}.audit_log
          where kind = 'consultation' and recorded_at >= ${from.toISOString()} and recorded_at < ${to.toISOString()}
        )
        select 'day' as kind, to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD') as key, outcome, count(*)::int as count
        from consultation group by 2, 3
        union all
        select 'rule', rule, null, count(*)::int from consultation, jsonb_array_elements_text(denied_by) as rule group by 2`,
  );
  const days = new Map<string, ActivityDay>();
  for (
    let at = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    at < to.getTime();
    at += dayMs
  ) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.set(day, { day, allowed: 0, partlyDenied: 0, refused: 0 });
  }
  const field = { allowed: 'allowed', 'partly-denied': 'partlyDenied', refused: 'refused' } as const;
  for (const row of rows.filter((row) => row.kind === 'day')) {
    const day = days.get(row.key);
    const outcome = field[row.outcome as keyof typeof field];
    if (day && outcome) day[outcome] += row.count;
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days: [...days.values()],
    denialsByRule: rows
      .filter((row) => row.kind === 'rule')
      .map((row) => ({ rule: row.key, consultations: row.count }))
      .sort((a, b) => b.consultations - a.consultations || a.rule.localeCompare(b.rule)),
  };
}
