import pg from 'pg';
import { hubDatabaseName } from '@tessera/hub';
import { percentile, runLoad, type LoadFigures } from '../runLoad.ts';
import { postgresCpuMeter } from './cpuMeter.ts';

/** One SQL statement as a request sent it: to which database, what, with which values. */
interface Statement {
  readonly database: string;
  readonly text: string;
  readonly values: readonly unknown[] | undefined;
}

/** What a statement of the mix does: an owner's read (or the hub's), or an append to an audit log. */
export type FloorPart = 'reads' | 'disclosure records' | 'consultation records';

/** One part of the mix's SQL: its statements and records, and what it costs the database alone. */
export interface FloorPartFigures {
  readonly statementsPerRequest: number;
  /** The audit records its appends carry, per request of the mix. */
  readonly recordsPerRequest: number;
  /** PostgreSQL's CPU time (all its processes) per request of the mix, ms, the part replayed alone. */
  readonly postgresCpuMs: number;
}

export type FloorFigures = LoadFigures & {
  readonly statementsPerRequest: number;
  /** PostgreSQL's CPU time per request, all of the mix's statements replayed by one client, ms. */
  readonly postgresCpuMs: number;
  readonly parts: Record<FloorPart, FloorPartFigures>;
};

const parts: readonly FloorPart[] = ['reads', 'disclosure records', 'consultation records'];

/**
 * The floor: each request of the mix reduced to the SQL statements it made (the owners' reads and every
 * audit append, recorded while the in-process hub answered it once), replayed with `pg` straight to the
 * same databases at the same concurrency. No gateway, no subgraph, no JavaScript but the driver's: what
 * the mix costs the database alone, in requests per second. Then each part of it alone (the reads, the
 * owners' disclosure records, the hub's consultation records), for what each costs PostgreSQL.
 */
export async function measureSqlFloor(
  requests: readonly (() => Promise<void>)[],
  urls: Readonly<Record<string, string>>,
  concurrency: number,
  seconds: number,
): Promise<FloorFigures> {
  const recorded = await recordStatements(requests);
  const databaseOf = (url: string) => new URL(url).pathname.slice(1);
  const pools = new Map(
    Object.values(urls).map((url) => [databaseOf(url), new pg.Pool({ connectionString: url, max: concurrency })]),
  );
  const consultationDatabase = databaseOf(urls[hubDatabaseName]!);
  const partOf = (statement: Statement): FloorPart =>
    !isAppend(statement)
      ? 'reads'
      : statement.database === consultationDatabase
        ? 'consultation records'
        : 'disclosure records';
  const statementsOf = (keep: (statement: Statement) => boolean) => {
    const statements = recorded.flat().filter(keep);
    return {
      statementsPerRequest: statements.length / recorded.length,
      recordsPerRequest: statements.reduce((sum, statement) => sum + recordsIn(statement), 0) / recorded.length,
    };
  };
  const postgresCpu = postgresCpuMeter();
  const replay = async (keep: (statement: Statement) => boolean, replaySeconds: number, clients = concurrency) => {
    // A request left with no statement costs the database nothing; replayed, it would only spin.
    const kept = recorded
      .map((list) => list.filter((statement) => keep(statement) && pools.has(statement.database)))
      .filter((list) => list.length > 0);
    const before = await postgresCpu();
    const figures = await runLoad(
      async (turn) => {
        for (const statement of kept[turn % kept.length]!)
          await pools.get(statement.database)!.query(statement.text, statement.values as unknown[]);
      },
      clients,
      replaySeconds,
    );
    const used = (await postgresCpu()) - before;
    return { figures, postgresCpuMs: (used / Math.max(1, figures.requests)) * (kept.length / recorded.length) };
  };
  try {
    // The pools' connections opened and each backend's caches filled first, as every probe is warmed up.
    await replay(() => true, Math.min(2, seconds));
    const all = await replay(() => true, seconds);
    // Each part alone, one client: run at the mix's concurrency without the rest of it, the appends would
    // only wait on each other for their chains' locks (the services join concurrent appends into one). In
    // turns, three rounds, the median: one replay's figure moves with the machine.
    const wholes: number[] = [];
    const alone = Object.fromEntries(parts.map((part) => [part, [] as number[]])) as Record<FloorPart, number[]>;
    for (let round = 0; round < 3; round++) {
      wholes.push((await replay(() => true, seconds / 2, 1)).postgresCpuMs);
      for (const part of parts)
        alone[part].push((await replay((statement) => partOf(statement) === part, seconds / 2, 1)).postgresCpuMs);
    }
    const byPart = Object.fromEntries(
      parts.map((part) => [
        part,
        { ...statementsOf((statement) => partOf(statement) === part), postgresCpuMs: median(alone[part]) },
      ]),
    ) as Record<FloorPart, FloorPartFigures>;
    return {
      ...all.figures,
      statementsPerRequest: statementsOf(() => true).statementsPerRequest,
      postgresCpuMs: median(wholes),
      parts: byPart,
    };
  } finally {
    for (const pool of pools.values()) await pool.end();
  }
}

/** Each request's SQL, as its drivers sent it while it was answered once. */
async function recordStatements(requests: readonly (() => Promise<void>)[]): Promise<Statement[][]> {
  const recorded: Statement[][] = [];
  // The drivers in this process are this module's: watching their queries is how the statements are known.
  const query = pg.Client.prototype.query;
  let current: Statement[] | undefined;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    const text = typeof first === 'string' ? first : first?.text;
    // Values come in the config object or beside it, as drizzle sends them.
    const values =
      (typeof first === 'string' ? undefined : first?.values) ?? (Array.isArray(second) ? second : undefined);
    if (current && text) current.push({ database: this.database ?? '', text, values });
    return (query as (...rest: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    for (const request of requests) {
      current = [];
      await request();
      recorded.push(current);
    }
  } finally {
    current = undefined;
    pg.Client.prototype.query = query;
  }
  return recorded;
}

/** Whether a statement appends to an audit chain (appendAudit's call of the chain's function). */
function isAppend(statement: Statement): boolean {
  return statement.text.includes('append_audit(');
}

/** How many audit records an append carries: its first value holds their entries, one per line (appendAudit). */
function recordsIn(statement: Statement): number {
  const entries = isAppend(statement) ? statement.values?.[0] : undefined;
  return typeof entries === 'string' ? entries.split('\n').length : 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return percentile(sorted, 50) ?? 0;
}
