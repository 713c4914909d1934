import { fileURLToPath } from 'node:url';
import { pgSchema } from 'drizzle-orm/pg-core';
import { auditTables } from './auditTables.ts';

/** The hub's own database: the consultation log that the gateway writes and oversight reads. */
export const hubSchemaName = 'hub';
export const hub = pgSchema(hubSchemaName);

export const { auditLog, auditCheckpoint } = auditTables(hub);

export const tables = { auditLog, auditCheckpoint };

/**
 * The hub's database as every component opens it: the gateway to write consultations, oversight to
 * read them. Its migrations keep the journal name they were first applied under.
 */
export const hubDatabase = {
  name: 'oversight',
  tables,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  auditChain: hubSchemaName,
};
