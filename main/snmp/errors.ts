/**
 * The typed errors of an SNMP request, and the mapping from net-snmp's errors to them. Messages
 * never carry secrets (net-snmp's auth errors carry the user with its keys: they are dropped).
 */
import { AppError, AuthError, TimeoutError, ValidationError } from '../errors.ts';
import { netSnmp } from './net-snmp-lib.ts';

/**
 * Why an agent's answer could not be used:
 * - `bad_response`: malformed or truncated packet, wrong OIDs, or no valid answer among garbage;
 * - `loop`: the agent returned an OID not after the one asked for (a walk would never end);
 * - `agent_error`: the agent answered with an error-status (`status`: tooBig, genErr, ...);
 * - `unreachable`: the request could not be sent (no route, host or network unreachable);
 * - `unsupported`: this runtime cannot do what the credential asks (e.g. DES without a cipher).
 */
export type SnmpErrorReason = 'bad_response' | 'loop' | 'agent_error' | 'unreachable' | 'unsupported';

/** An SNMP request failed for a reason other than a timeout or authentication. */
export class SnmpError extends AppError {
  readonly reason: SnmpErrorReason;
  /** The SNMP error-status name for `agent_error` (e.g. 'tooBig', 'genErr'). */
  readonly status: string | undefined;

  constructor(reason: SnmpErrorReason, message: string, options: { cause?: unknown; status?: string } = {}) {
    super('unavailable', message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.status = options.status;
  }
}

/**
 * The agent's answer could not be decoded: a truncated packet, a length that runs past its parent,
 * a broken OID or INTEGER, an unknown type, trailing bytes (see ber-check.ts). Reason `bad_response`;
 * `detail` is what was wrong (no "from host:port" prefix), `offset` the byte where it was found.
 */
export class SnmpDecodeError extends SnmpError {
  readonly detail: string;
  readonly offset: number | undefined;

  constructor(target: string, detail: string, options: { offset?: number; cause?: unknown; suffix?: string } = {}) {
    super('bad_response', `malformed response from ${target}: ${detail}${options.suffix ?? ''}`, options.cause === undefined ? {} : { cause: options.cause });
    this.detail = detail;
    this.offset = options.offset;
  }
}

/** How strict-decryption.ts marks a decrypted scoped PDU that failed the BER check (net-snmp keeps only the message). */
export const MALFORMED_SCOPED_PDU = 'malformed scoped PDU: ';

/** The agent did not answer within timeout x (retries + 1). */
export class SnmpTimeoutError extends TimeoutError {}

/**
 * SNMPv3 security failures, from the agent's usmStats report or our own checks:
 * `wrong_digest` (wrong auth password or protocol), `unknown_user`, `unsupported_level`,
 * `decryption` (wrong privacy password or protocol), `time_window`, `unknown_engine`.
 */
export type SnmpAuthReason = 'wrong_digest' | 'unknown_user' | 'unsupported_level' | 'decryption' | 'time_window' | 'unknown_engine';

export class SnmpAuthError extends AuthError {
  readonly reason: SnmpAuthReason;
  constructor(reason: SnmpAuthReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

const STATUS_NAMES: Record<number, string> = {
  1: 'tooBig',
  2: 'noSuchName',
  3: 'badValue',
  4: 'readOnly',
  5: 'genErr',
  6: 'noAccess',
  7: 'wrongType',
  8: 'wrongLength',
  9: 'wrongEncoding',
  10: 'wrongValue',
  11: 'noCreation',
  12: 'inconsistentValue',
  13: 'resourceUnavailable',
  14: 'commitFailed',
  15: 'undoFailed',
  16: 'authorizationError',
  17: 'notWritable',
  18: 'inconsistentName',
};

/** The RFC 3416 name of an error-status number. */
export function errorStatusName(status: number): string {
  return STATUS_NAMES[status] ?? `status ${status}`;
}

const AUTH_MESSAGES: [RegExp, SnmpAuthReason, string][] = [
  [/Unknown User Name/i, 'unknown_user', 'the agent does not know this SNMPv3 user name'],
  [/Wrong Digest|Authentication digest/i, 'wrong_digest', 'wrong SNMPv3 authentication password or protocol'],
  [/Unsupported Security Level/i, 'unsupported_level', 'the agent does not allow this security level for this user'],
  [/Decryption Error/i, 'decryption', 'the agent could not decrypt the request: wrong privacy password or protocol'],
  [/Not In Time Window/i, 'time_window', 'the agent rejected the request as outside its time window'],
  [/Unknown Engine ID/i, 'unknown_engine', 'the agent did not accept our engine ID'],
];

/** A cause that keeps net-snmp's message but none of its attached data (which may hold keys). */
function scrubbed(err: Error): Error {
  const e = new Error(err.message);
  e.name = err.name;
  return e;
}

/** Maps whatever net-snmp or dgram gave a request callback to a typed error. `target` is 'host:port'. */
export function toSnmpError(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof Error)) return new SnmpError('bad_response', `${target}: unexpected SNMP failure: ${String(err)}`);
  const cause = scrubbed(err);
  const name = err.name;
  if (name === 'RequestTimedOutError') return new SnmpTimeoutError(`${target}: no SNMP response (timeout)`, cause);
  if (name === 'RequestFailedError') {
    const status = errorStatusName((err as Error & { status: number }).status);
    return new SnmpError('agent_error', `${target}: the agent answered with error ${status}${err.message.includes(':') ? ` at ${err.message.split(': ')[1] ?? ''}` : ''}`, { cause, status });
  }
  if (name === 'ResponseInvalidError') {
    const code = netSnmp.ResponseInvalidCode[(err as Error & { code: number }).code];
    if (code === 'EAuthFailure') {
      const hit = AUTH_MESSAGES.find(([re]) => re.test(err.message));
      if (hit) return new SnmpAuthError(hit[1], `${target}: ${hit[2]}`);
      return new SnmpAuthError('wrong_digest', `${target}: SNMPv3 authentication failed (${err.message})`);
    }
    const malformed = err.message.indexOf(MALFORMED_SCOPED_PDU);
    if (code === 'ECouldNotDecrypt' && malformed >= 0) return new SnmpDecodeError(target, `${err.message.slice(malformed + MALFORMED_SCOPED_PDU.length)} (in the decrypted scoped PDU)`, { cause });
    if (code === 'ECouldNotDecrypt') return new SnmpAuthError('decryption', `${target}: could not decrypt the agent's response: wrong privacy password or protocol`);
    if (code === 'ENotInTimeWindow') return new SnmpAuthError('time_window', `${target}: the agent's response is outside the SNMPv3 time window`);
    if (code === 'EOutOfOrder') return new SnmpError('loop', `${target}: the agent returned OIDs out of order`, { cause });
    return new SnmpError('bad_response', `${target}: invalid SNMP response: ${err.message}`, { cause });
  }
  if (name === 'RequestInvalidError') return new ValidationError(`${target}: invalid SNMP request: ${err.message}`);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'EPERM') {
    return new SnmpError('unreachable', `${target}: cannot send to the agent (${code})`, { cause });
  }
  return new SnmpError('bad_response', `${target}: SNMP request failed: ${err.message}`, { cause });
}
