/** The hub's own database: the consultation log that the gateway writes and oversight reads. */
export const hubSchemaName = 'hub';

/** The hub's database has no drizzle tables: its log is read with SQL, over the log's own migration. */
export type HubLogTables = Record<string, never>;

/** The hub's database as every component opens it: the gateway to write consultations, oversight to read them. */
export const hubDatabase = { name: 'oversight', tables: {} as HubLogTables, auditChain: hubSchemaName };
