import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { forgetPool, watchPool } from './metrics.ts';
import type { Logger } from 'pino';
import { ConfigurationError, reasonOf, withoutPassword } from './envReader.ts';

/** A drizzle database over either driver: resolvers and seeds need not know which. */
export type Database<Schema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * Where a subgraph's data lives: a PostgreSQL connection string (production, tests), or an embedded
 * PGlite engine, possibly shared by several subgraphs of the demo, each in its own schema.
 */
export type DatabaseSource = { readonly url: string; readonly poolSize?: number } | { readonly engine: EmbeddedEngine };

export interface DatabaseHandle<Schema extends Record<string, unknown>> {
  readonly db: Database<Schema>;
  readonly kind: 'postgres' | 'pglite';
  /** SQL statements sent since the handle was opened: how batching is checked. */
  statements(): number;
  /**
   * Loads rows in PostgreSQL's COPY text format into a table (`schema.table`, columns in the rows'
   * order): the bulk path the seed takes, one round trip for thousands of rows.
   */
  copyIn(table: string, columns: readonly string[], rows: string): Promise<void>;
  /** Gathers the planner's statistics for tables just loaded, rather than waiting for autovacuum to. */
  analyze(tables: readonly string[]): Promise<void>;
  /** Applies the committed drizzle-kit migrations of one subgraph. */
  migrate(migrationsFolder: string, migrationsTable: string): Promise<void>;
  /**
   * Runs `work` holding a lock that every process on this database agrees on: a PostgreSQL advisory lock,
   * on a connection of its own (so that a pool of one is not starved by it). The embedded engine serves
   * one process, and runs the work as it is.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Closes what this handle opened (a shared embedded engine is left to its owner). */
  close(): Promise<void>;
}

export async function openDatabase<Schema extends Record<string, unknown>>(
  schema: Schema,
  source: DatabaseSource,
  logger: Logger,
): Promise<DatabaseHandle<Schema>> {
  let statements = 0;
  const countingLogger = { logQuery: () => void statements++ };
  const migrationsSchema = 'drizzle';
  if ('engine' in source) {
    const db = drizzlePglite(source.engine, { schema, logger: countingLogger });
    return {
      db: db as unknown as Database<Schema>,
      kind: 'pglite',
      statements: () => statements,
      copyIn: async (table, columns, rows) => {
        await source.engine.query(`${copyStatement(table, columns)} FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
      },
      analyze: async (tables) => {
        await source.engine.query(analyzeStatement(tables));
      },
      migrate: (migrationsFolder, migrationsTable) =>
        migratePglite(db, { migrationsFolder, migrationsTable, migrationsSchema }),
      exclusively: (_, work) => work(),
      close: async () => {},
    };
  }
  const pool = new pg.Pool({ connectionString: source.url, max: source.poolSize ?? 10 });
  watchPool(pool);
  // An idle client that loses its server (a restart) must not take the process down with it.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  const db = drizzlePg(pool, { schema, logger: countingLogger });
  return {
    db: db as unknown as Database<Schema>,
    kind: 'postgres',
    statements: () => statements,
    copyIn: async (table, columns, rows) => {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([rows]), client.query(copyFrom(`${copyStatement(table, columns)} FROM STDIN`)));
      } finally {
        client.release();
      }
    },
    analyze: async (tables) => {
      await pool.query(analyzeStatement(tables));
    },
    migrate: (migrationsFolder, migrationsTable) =>
      migratePg(db, { migrationsFolder, migrationsTable, migrationsSchema }),
    exclusively: async (name, work) => {
      const holder = await connectClient(source.url);
      try {
        await holder.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        return await work();
      } finally {
        // The session's end releases its lock.
        await holder.end();
      }
    },
    close: () => {
      forgetPool(pool);
      return pool.end();
    },
  };
}

/**
 * A client connected to the database at `url`. A process that cannot work without the database meets it here at its
 * start, so a failure to connect is its operator's to mend: a ConfigurationError naming the database (its URL
 * without the password) and the driver's reason, not a stack.
 */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    throw new ConfigurationError(
      `Cannot open the database ${withoutPassword(url)}: ${reasonOf(error)}. Check the URL, ` +
        'and that PostgreSQL runs there and holds that database.',
    );
  }
}

function copyStatement(table: string, columns: readonly string[]): string {
  return `COPY ${qualifiedName(table)} (${columns.map(quoteName).join(', ')})`;
}

function analyzeStatement(tables: readonly string[]): string {
  return `ANALYZE ${tables.map(qualifiedName).join(', ')}`;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualifiedName = (table: string) => table.split('.').map(quoteName).join('.');

/** What a seed needs of a database: the bulk path only. */
export type BulkLoader = Pick<DatabaseHandle<Record<string, unknown>>, 'copyIn' | 'analyze'>;

/** An in-process PostgreSQL (PGlite). */
export type EmbeddedEngine = PGlite;

/** Starts an embedded engine: what `pnpm start` runs on when given no database. */
export async function createEmbeddedEngine(dataDir?: string): Promise<EmbeddedEngine> {
  const engine = new PGlite(dataDir);
  await engine.waitReady;
  return engine;
}

/**
 * A schema name the code writes into SQL itself (DDL and function names take no parameters): lower-case
 * letters and underscores only, or it throws.
 */
export function checkedSchemaName(schemaName: string): string {
  if (!/^[a-z_]+$/.test(schemaName)) throw new Error(`invalid schema name ${schemaName}`);
  return schemaName;
}

/** Runs raw SQL and returns its rows, the same from either driver. */
export async function queryRows<Row>(db: Database<Record<string, unknown>>, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
