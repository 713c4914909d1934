import { sql } from 'drizzle-orm';
import { gridDisk } from 'h3-js';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { auditPrincipal, type AuditAppender, type AuditEntryBase } from '@tessera/audit';
import { aggregateClauseFor, codedError, defaultK } from '@tessera/policies';
import {
  queryRows,
  type AggregateSource,
  type Database,
  type ForecastAnswer,
  type HotspotAnswer,
  type RequestIdentity,
  type TrendAnswer,
} from '@tessera/runtime';
import { ownerDesk } from '../ownerDesk.ts';
import { monthsBetween, readQuery, wholeMonth } from './aggregateQuestion.ts';
import { readCellTotals, readMonthly, readWindows, type CountsSource } from './aggregateReaders.ts';
import { evaluateForecast, forecastMethod, monthAfter, scoreCells, topCells } from './forecast.ts';
import { installRollups, rebuildRollups, type CountedEvent } from './rollups.ts';
import { trendOf } from './trends.ts';

/** What an owner counts, by dataset: how to read all its events again, page by page (to rebuild the counts). */
export type AggregateDatasets = Readonly<Record<string, { events(db: Database<any>): AsyncIterable<CountedEvent> }>>;

/** The owner's record of what it released as counts (LED Art 25: disclosure), in its audit chain. */
interface AggregateEntry extends AuditEntryBase {
  readonly kind: 'aggregate';
  readonly action: string;
  readonly owner: string;
  readonly dataset: string;
  readonly clause: string;
  readonly query: Record<string, unknown>;
  readonly cells: number;
}

/** How many months before the forecast month its evaluation predicts, each from the year before it. */
const heldOutMonths = 6;

/**
 * POST /aggregates: the owner's counts for maps, trends and forecasts, decided by its aggregate
 * clauses. Counts are formed per hexagon (at the clause's resolution), month and category; one under
 * the clause's k is withheld, and every figure given (sums, trends, scores) is computed from released
 * counts only (see `answerFromAtoms`). Whole months only, so that no window narrower than a month
 * singles out an event. Each answer is appended to the owner's audit chain.
 */
export async function openAggregates(options: {
  readonly owner: string;
  readonly db: Database<Record<string, unknown>>;
  readonly schemaName: string;
  readonly datasets: AggregateDatasets;
  readonly gatewayKeys: JWTVerifyGetKey;
  /** The owner's audit chain, where each answer is appended. */
  readonly auditLog: AuditAppender;
  readonly logger: Logger;
}) {
  await installRollups(options.db, options.schemaName);
  const rollup = sql.raw(`${options.schemaName}.rollup`);
  for (const [dataset, source] of Object.entries(options.datasets)) {
    // After a bulk load the counts are made once, from the events; the write path keeps them current.
    const [present] = await queryRows(options.db, sql`select 1 from ${rollup} where dataset = ${dataset} limit 1`);
    if (!present) await rebuildRollups(options.db, options.schemaName, dataset, source.events(options.db));
  }
  /** The clause that answers the caller, and the question as it allows it; refused otherwise. */
  const sourceFor = (identity: RequestIdentity, input: Record<string, unknown>): CountsSource => {
    const { principal, purpose } = identity;
    if (!purpose) throw codedError('PURPOSE_REQUIRED', 'Counts are released for a declared purpose (X-Purpose).');
    const dataset = typeof input.dataset === 'string' ? input.dataset : '';
    if (!Object.hasOwn(options.datasets, dataset)) {
      throw codedError('BAD_USER_INPUT', `${options.owner} counts ${Object.keys(options.datasets).join(', ')}.`);
    }
    const clause = aggregateClauseFor(principal, purpose, options.owner, dataset);
    if (!clause) {
      throw codedError(
        'FORBIDDEN',
        `No clause of ${options.owner} releases counts of ${dataset} to you for ${purpose}.`,
      );
    }
    return { db: options.db, rollup, clause, k: clause.k ?? defaultK, query: readQuery(input, clause) };
  };
  const described = (source: CountsSource): AggregateSource => ({
    owner: options.owner,
    dataset: source.clause.dataset,
    clause: source.clause.id,
    legalBasis: source.clause.legalBasis,
    k: source.k,
    resolution: source.query.resolution,
    from: source.query.from,
    to: source.query.to,
  });
  const recorded = async <T>(
    identity: RequestIdentity,
    action: string,
    source: CountsSource,
    cells: number,
    answer: T,
  ) => {
    const entry: AggregateEntry = {
      kind: 'aggregate',
      at: new Date().toISOString(),
      requestId: identity.requestId,
      principal: auditPrincipal(identity.principal),
      purpose: identity.purpose,
      people: [],
      action,
      owner: options.owner,
      dataset: source.clause.dataset,
      clause: source.clause.id,
      query: { ...source.query },
      cells,
    };
    await options.auditLog.append([entry]);
    return answer;
  };
  return ownerDesk(options, {
    async hotspots(identity, input): Promise<HotspotAnswer> {
      const source = sourceFor(identity, input);
      const cells = await readCellTotals(source);
      return recorded(identity, 'hotspots', source, cells.length, { ...described(source), cells });
    },
    async trends(identity, input): Promise<TrendAnswer> {
      const source = sourceFor(identity, input);
      const { from, to } = source.query;
      const length = monthsBetween(from, to);
      const rows = await readWindows(source, {
        current: { from, to },
        previous: { from: monthAfter(from, -length), to: from },
        yearAgo: { from: monthAfter(from, -12), to: monthAfter(to, -12) },
      });
      const cells = rows.map(({ cell, category, counts }) => {
        const periods = {
          current: counts.current ?? null,
          previous: counts.previous ?? null,
          yearAgo: counts.yearAgo ?? null,
        };
        return { cell, category, ...periods, ...trendOf(periods, source.k) };
      });
      return recorded(identity, 'trends', source, cells.length, { ...described(source), cells });
    },
    async forecast(identity, input): Promise<ForecastAnswer> {
      // The month asked for is predicted from the year before it; the six months before are held out in turn.
      const month = wholeMonth(input.month, 'down');
      if (!month) throw codedError('BAD_USER_INPUT', 'month: an ISO date in the month to forecast.');
      const source = sourceFor(identity, {
        ...input,
        from: monthAfter(month, -12 - heldOutMonths),
        to: month,
      });
      const counts = await readMonthly(source);
      const neighbours = (cell: string) => gridDisk(cell, 1).filter((each) => each !== cell);
      const scores = scoreCells(counts, month, neighbours);
      const hotspots = topCells(scores, counts.size).map((cell) => ({ cell, score: scores.get(cell)! }));
      const heldOut = Array.from({ length: heldOutMonths }, (_, index) => monthAfter(month, index - heldOutMonths));
      return recorded(identity, 'forecast', source, hotspots.length, {
        ...described(source),
        month,
        method: forecastMethod,
        hotspots,
        evaluation: evaluateForecast(counts, heldOut, neighbours),
      });
    },
  });
}
