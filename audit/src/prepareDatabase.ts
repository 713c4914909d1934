import { openDatabase, type DatabaseHandle, type DatabaseSource, type Logger } from '@tessera/runtime';
import { installAuditChain } from './installAuditChain.ts';

/** A component's database as the code defines it: its tables, committed migrations, and audit chain. */
export interface DatabaseDefinition<Schema extends Record<string, unknown>> {
  readonly name: string;
  readonly tables: Schema;
  /** Its committed drizzle migrations, if it has tables beyond its audit log. */
  readonly migrationsFolder?: string;
  /** The schema of the hash-chained audit log it holds, if any. */
  readonly auditChain?: string;
}

/**
 * Opens a component's database, applies its committed migrations and its audit log's migration. Several
 * components may share one embedded engine: each keeps its tables in its own schema and its migration
 * journal in its own table.
 */
export async function prepareDatabase<Schema extends Record<string, unknown>>(
  definition: DatabaseDefinition<Schema>,
  source: DatabaseSource,
  logger: Logger,
): Promise<DatabaseHandle<Schema>> {
  const database = await openDatabase(definition.tables, source, logger);
  // Replicas of one component start together and each prepares the same schema: one at a time, or one
  // would find another's trigger or table half made and stop ("already exists").
  await database.exclusively(preparing(definition), async () => {
    if (definition.migrationsFolder)
      await database.migrate(definition.migrationsFolder, `${definition.name}_migrations`);
    if (definition.auditChain) await installAuditChain(database.db, definition.auditChain);
  });
  return database;
}

/** The lock the processes of one component hold while they make its schema, one at a time. */
export function preparing(definition: Pick<DatabaseDefinition<Record<string, unknown>>, 'name'>): string {
  return `tessera: prepare ${definition.name}`;
}
