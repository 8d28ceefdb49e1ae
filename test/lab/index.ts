/**
 * The lab: real agents in network namespaces the test creates. See test/lab/README.md.
 */
export { createLab, type Lab } from './create-lab.ts';
export { labAvailable, type LabAvailability } from './lab-available.ts';
export { describeLab } from './describe-lab.ts';
export type { AuthProtocol, Impairment, LabHostSpec, LabSpec, PrivProtocol, SecurityLevel, SnmpAgentSpec, SnmpV3User } from './lab-spec.ts';
export type { ExecOptions, ExecResult } from './exec.ts';
export { LAB_BLOCK, LOCAL_RANGE_BLOCK } from './addresses.ts';
