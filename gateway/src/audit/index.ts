export { GENESIS_HASH, hashOperation } from './chain.js';
export { AUDIT_MIGRATIONS, openAuditDatabase } from './database.js';
export { AuditWriteError, createAuditLog, type AppendedEntry, type AuditEntryInput, type AuditLog } from './log.js';
export { readAuditEntries, type AuditLogFilter } from './read.js';
export { AuditingDataSource, newAuditState, type AuditContext } from './served.js';
export { createAuditSubgraphSchema, type AuditSubgraphContext } from './subgraph.js';
export { AUDIT_OUTCOMES, auditLog, type AuditOutcome, type AuditRow, type FieldDecisions, type FieldsByLevel } from './tables.js';
export { verifyAuditChain, type ChainAnchor, type ChainBreak, type VerifyResult } from './verify.js';
