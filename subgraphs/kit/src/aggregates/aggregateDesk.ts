import { sql } from 'drizzle-orm';
import { cellToParent } from 'h3-js';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { appendAudit, auditPrincipal, type AuditEntryBase } from '@tessera/audit';
import { aggregateClauseFor, codedError, defaultK, type AggregateClause } from '@tessera/policies';
import { queryRows, type Database, type HotspotAnswer, type RequestIdentity } from '@tessera/runtime';
import { ownerDesk } from '../ownerDesk.ts';
import { installRollups, rebuildRollups, type CountedEvent } from './rollups.ts';
import { inCoarserCells, type CellAnswer } from './suppression.ts';

/** What an owner counts, by dataset: how to read all its events again (to rebuild the counts). */
export type AggregateDatasets = Readonly<
  Record<string, { events(db: Database<any>): Promise<readonly CountedEvent[]> }>
>;

/** The owner's record of what it released as counts (LED Art 25: disclosure), in its audit chain. */
interface AggregateEntry extends AuditEntryBase {
  readonly kind: 'aggregate';
  readonly owner: string;
  readonly dataset: string;
  readonly clause: string;
  readonly query: Record<string, unknown>;
  readonly cells: number;
  readonly suppressed: number;
}

const coarsest = 5;
const finest = 9;
const maxMonths = 36;
/** About 200 km: a region, not a country; bounds the work of one answer. */
const maxSpanDegrees = 2;

/**
 * POST /aggregates: the owner's counts for a hotspot map, decided by its aggregate clauses. Counts are
 * formed per hexagon (at the clause's resolution), month and category; one under the clause's k is
 * withheld and every figure given is a sum of released counts only (see `answerFromAtoms`). Whole
 * months only, so that no window narrower than a month singles out an event. Each answer is appended
 * to the owner's audit chain.
 */
export async function openAggregates(options: {
  readonly owner: string;
  readonly db: Database<Record<string, unknown>>;
  readonly schemaName: string;
  readonly datasets: AggregateDatasets;
  readonly gatewayKeys: JWTVerifyGetKey;
  readonly logger: Logger;
}) {
  await installRollups(options.db, options.schemaName);
  const rollup = sql.raw(`${options.schemaName}.rollup`);
  for (const [dataset, source] of Object.entries(options.datasets)) {
    // After a bulk load the counts are made once, from the events; the write path keeps them current.
    const [present] = await queryRows(options.db, sql`select 1 from ${rollup} where dataset = ${dataset} limit 1`);
    if (!present) await rebuildRollups(options.db, options.schemaName, dataset, await source.events(options.db));
  }
  return ownerDesk(options, {
    async hotspots(identity, input): Promise<HotspotAnswer> {
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
      const query = readQuery(input, clause);
      const k = clause.k ?? defaultK;
      const rows = await queryRows<{ cell: string; released: number; any_released: boolean; withheld: boolean }>(
        options.db,
        sql`select cell, coalesce(sum(n) filter (where n >= ${k}), 0)::int as released,
            bool_or(n >= ${k}) as any_released, bool_or(n < ${k}) as withheld
          from ${rollup}
          where dataset = ${dataset} and res = ${clause.resolution} and month >= ${query.from} and month < ${query.to}
            and latitude between ${query.south} and ${query.north} and longitude between ${query.west} and ${query.east}
            ${query.categories ? sql`and category = any(${sql.param(query.categories)})` : sql``}
          group by cell`,
      );
      const cells = inCoarserCells(
        rows.map((row) => ({
          cell: row.cell,
          count: row.any_released ? row.released : null,
          suppressed: row.withheld,
        })),
        (cell) => (query.resolution === clause.resolution ? cell : cellToParent(cell, query.resolution)),
      );
      await record(options, identity, clause, query, cells);
      return {
        owner: options.owner,
        dataset,
        clause: clause.id,
        legalBasis: clause.legalBasis,
        k,
        resolution: query.resolution,
        from: query.from,
        to: query.to,
        cells,
      };
    },
  });
}

interface HotspotQuery {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
  readonly from: string;
  readonly to: string;
  readonly resolution: number;
  /** None: every category the clause counts. */
  readonly categories: readonly string[] | null;
}

/** The question as the clause allows it, every problem named at once. */
function readQuery(input: Record<string, unknown>, clause: AggregateClause): HotspotQuery {
  const problems: string[] = [];
  const [south, west, north, east] = ['south', 'west', 'north', 'east'].map((name) => input[name]);
  const area = [south, west, north, east];
  if (
    !area.every((value) => typeof value === 'number' && Number.isFinite(value)) ||
    Math.abs(south as number) > 90 ||
    Math.abs(north as number) > 90 ||
    (south as number) >= (north as number) ||
    (west as number) >= (east as number) ||
    (north as number) - (south as number) > maxSpanDegrees ||
    (east as number) - (west as number) > maxSpanDegrees
  ) {
    problems.push(`area: south < north and west < east, in degrees, at most ${maxSpanDegrees}° across`);
  }
  const from = wholeMonth(input.from, 'up');
  const to = wholeMonth(input.to, 'down');
  const months = from && to ? monthsBetween(from, to) : 0;
  if (!from || !to || months < 1 || months > maxMonths) {
    problems.push(`from, to: ISO dates spanning 1 to ${maxMonths} whole months (counts are kept by month)`);
  }
  const resolution = input.resolution;
  if (typeof resolution !== 'number' || !Number.isInteger(resolution) || resolution < coarsest || resolution > finest) {
    problems.push(`resolution: ${coarsest} (region) to ${finest} (neighbourhood)`);
  }
  const asked = input.categories;
  if (
    asked !== undefined &&
    asked !== null &&
    (!Array.isArray(asked) || asked.length === 0 || !asked.every((item) => typeof item === 'string'))
  ) {
    problems.push('categories: a list of the categories to count, or none for all');
  }
  if (problems.length > 0) {
    throw codedError('BAD_USER_INPUT', `The hotspot question cannot be answered: ${problems.join('; ')}.`, {
      extensions: { problems },
    });
  }
  // A well-formed question beyond what this clause releases is the owner's refusal, not bad input.
  const beyond: string[] = [];
  if ((resolution as number) > clause.resolution) beyond.push(`hexagons finer than resolution ${clause.resolution}`);
  const categories = (asked as string[] | null | undefined) ?? (clause.categories === 'any' ? null : clause.categories);
  const outside =
    clause.categories === 'any' || !categories ? [] : categories.filter((item) => !clause.categories.includes(item));
  if (outside.length > 0) beyond.push(`the categories ${outside.join(', ')}`);
  if (beyond.length > 0) {
    throw codedError('FORBIDDEN', `Clause ${clause.id} does not release ${beyond.join(' or ')}.`);
  }
  return {
    south: south as number,
    west: west as number,
    north: north as number,
    east: east as number,
    from: from!,
    to: to!,
    resolution: resolution as number,
    categories: categories ? [...new Set(categories)] : null,
  };
}

/** The first day of the first whole month on or after a date ('up'), or of the month a date falls in ('down'). */
function wholeMonth(value: unknown, direction: 'up' | 'down'): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) return null;
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  if (direction === 'up' && first.getTime() < date.getTime()) first.setUTCMonth(first.getUTCMonth() + 1);
  return first.toISOString().slice(0, 10);
}

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

async function record(
  options: { readonly owner: string; readonly db: Database<Record<string, unknown>>; readonly schemaName: string },
  identity: RequestIdentity,
  clause: AggregateClause,
  query: HotspotQuery,
  cells: readonly CellAnswer[],
): Promise<void> {
  const entry: AggregateEntry = {
    kind: 'aggregate',
    at: new Date().toISOString(),
    requestId: identity.requestId,
    principal: auditPrincipal(identity.principal),
    purpose: identity.purpose,
    people: [],
    owner: options.owner,
    dataset: clause.dataset,
    clause: clause.id,
    query: { ...query },
    cells: cells.length,
    suppressed: cells.filter((cell) => cell.suppressed).length,
  };
  await appendAudit(options.db, options.schemaName, [entry]);
}
