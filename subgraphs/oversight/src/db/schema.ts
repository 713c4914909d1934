import { pgSchema } from 'drizzle-orm/pg-core';
import { auditTables } from '@tessera/subgraph-kit';

/** The hub's own database: the consultation log that the gateway writes and oversight reads. */
export const hubSchemaName = 'hub';
export const hub = pgSchema(hubSchemaName);

export const { auditLog, auditCheckpoint } = auditTables(hub);

export const tables = { auditLog, auditCheckpoint };
