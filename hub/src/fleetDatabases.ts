import { connectClient } from '@tessera/runtime';
import { scratchServerUrl } from './config.ts';

/**
 * One database per name on the PostgreSQL server (TEST_DATABASE_URL, default 127.0.0.1:5432), named
 * `<prefix>_<name>`, made if missing and kept otherwise: the walk-through's data survives a restart.
 */
export async function ensureDatabases(prefix: string, names: readonly string[]): Promise<Record<string, string>> {
  const admin = await connectClient(scratchServerUrl);
  try {
    const urls: Record<string, string> = {};
    for (const name of names) {
      const database = `${prefix}_${name}`;
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
      if (rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
      const url = new URL(scratchServerUrl);
      url.pathname = `/${database}`;
      urls[name] = url.toString();
    }
    return urls;
  } finally {
    await admin.end();
  }
}
