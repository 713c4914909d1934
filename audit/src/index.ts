export { hubDatabase, hubSchemaName, type HubLogTables } from './hubLog.ts';
export { auditIntegrity, createIntegrityMonitor } from './auditIntegrity.ts';
export type {
  AuditChainSource,
  AuditChainSources,
  AuditIntegrityReport,
  IntegrityMonitor,
  ReconciliationOptions,
} from './auditIntegrity.ts';
export { installAuditChain, genesisHash } from './installAuditChain.ts';
export { appendAudit, createAuditAppender, auditPrincipal } from './appendAudit.ts';
export type { AuditAppender, AuditEntryBase, AuditPrincipal } from './appendAudit.ts';
export { verifyChain, recordHash } from './verifyChain.ts';
export type { ChainPosition, ChainVerification } from './verifyChain.ts';
export { startCheckpoints } from './checkpoints.ts';
export type { Checkpointer } from './checkpoints.ts';
export { canonicalJson, storableText } from './canonicalJson.ts';
export { disclosuresExtension } from './disclosedRecord.ts';
export type { AlertRelease, DisclosedRecord } from './disclosedRecord.ts';
export { prepareDatabase, preparing } from './prepareDatabase.ts';
export type { DatabaseDefinition } from './prepareDatabase.ts';
export type { ConsultationOutcome, ConsultationRecord } from './consultationRecord.ts';
