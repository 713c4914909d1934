export { hubDatabase, hubSchemaName, tables as hubLogTables } from './hubLog.ts';
export { auditIntegrity, createIntegrityMonitor } from './auditIntegrity.ts';
export type { AuditChainSource, AuditChainSources, AuditIntegrityReport, IntegrityMonitor } from './auditIntegrity.ts';
