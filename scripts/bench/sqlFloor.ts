import pg from 'pg';
import { runLoad, type LoadFigures } from '../runLoad.ts';

/** One SQL statement as a request sent it: to which database, what, with which values. */
interface Statement {
  readonly database: string;
  readonly text: string;
  readonly values: readonly unknown[] | undefined;
}

/**
 * The floor: each request of the mix reduced to the SQL statements it made (the owners' reads and every
 * audit append, recorded while the in-process hub answered it once), replayed with `pg` straight to the
 * same databases at the same concurrency. No gateway, no subgraph, no JavaScript but the driver's: what
 * the mix costs the database alone, in requests per second.
 */
export async function measureSqlFloor(
  requests: readonly (() => Promise<void>)[],
  urls: Readonly<Record<string, string>>,
  concurrency: number,
  seconds: number,
): Promise<LoadFigures & { statementsPerRequest: number }> {
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
  const pools = new Map(
    Object.values(urls).map((url) => [
      new URL(url).pathname.slice(1),
      new pg.Pool({ connectionString: url, max: concurrency }),
    ]),
  );
  try {
    const figures = await runLoad(
      async (turn) => {
        for (const statement of recorded[turn % recorded.length]!) {
          const pool = pools.get(statement.database);
          if (pool) await pool.query(statement.text, statement.values as unknown[]);
        }
      },
      concurrency,
      seconds,
    );
    const statements = recorded.reduce((sum, list) => sum + list.length, 0);
    return { ...figures, statementsPerRequest: statements / recorded.length };
  } finally {
    for (const pool of pools.values()) await pool.end();
  }
}
