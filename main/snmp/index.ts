/**
 * The SNMP layer: sessions on net-snmp (v1, v2c, v3), typed values, walks and tables, credential
 * probing, bounded sockets, MIB-II names. What the scheduler and discovery import.
 */
export { createSnmpClient, type SnmpClient, type SnmpClientOptions, type SnmpClientStats } from './client.ts';
export { SnmpSession, type RequestOptions, type WalkOptions, type TableOptions, type SessionDefaults } from './session.ts';
export type { CredentialMatch, FindCredentialOptions } from './credential-probe.ts';
export {
  type SnmpCredential,
  type CommunityCredential,
  type V3Credential,
  type AuthProtocol,
  type PrivProtocol,
  type SecurityLevel,
  credentialKey,
  describeCredential,
  parseAuthProtocol,
  parsePrivProtocol,
  parseSecurityLevel,
} from './credentials.ts';
export { SnmpError, SnmpTimeoutError, SnmpAuthError, type SnmpErrorReason, type SnmpAuthReason } from './errors.ts';
export { desSupport, type DesSupport } from './des-support.ts';
export { type VarBind, type VarBindType, type OctetFormat, isException, varBindToJson, formatOctets } from './varbind.ts';
export { type SnmpTable, type SnmpTableRow, buildTable } from './table.ts';
export { MIB_OBJECTS, OID, type MibObject, type MibKind } from './mib2.ts';
export { resolveOid, oidToName, lookupMibName } from './oid-names.ts';
export { compareOids, isInSubtree, normalizeOid, oidSuffix } from './oid.ts';
export { parseTarget, type SnmpTarget } from './target.ts';
export { formatVarBind, formatValue, formatTimeticks } from './net-snmp-format.ts';
export type { SocketPoolStats } from './socket-pool.ts';
