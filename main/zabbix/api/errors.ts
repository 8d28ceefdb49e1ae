/**
 * Typed errors of the Zabbix client. Messages are for the technician and never contain a token
 * or a password.
 */
import { AppError, AuthError } from '../../errors.ts';

/** Why a Zabbix server refused a credential. */
export type ZabbixAuthReason = 'bad_credentials' | 'session_expired' | 'token_invalid' | 'token_expired' | 'not_authorized';

export class ZabbixAuthError extends AuthError {
  readonly reason: ZabbixAuthReason;
  constructor(reason: ZabbixAuthReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Why a Zabbix server could not be used at all. */
export type UnavailableKind = 'unreachable' | 'not_zabbix' | 'http_error' | 'server_error';

/** The server cannot be reached, answers with an HTTP error, or is not a Zabbix API. */
export class ZabbixUnavailableError extends AppError {
  readonly kind: UnavailableKind;
  constructor(kind: UnavailableKind, message: string, cause?: unknown) {
    super('unavailable', message, { cause });
    this.kind = kind;
  }
}

/** A JSON-RPC error from the Zabbix API that is not about authentication. */
export class ZabbixApiError extends AppError {
  readonly zabbixCode: number;
  readonly data: string;
  constructor(code: 'validation' | 'not_found' | 'conflict' | 'forbidden', message: string, zabbixCode: number, data: string) {
    super(code, message);
    this.zabbixCode = zabbixCode;
    this.data = data;
  }
}

/** A JSON-RPC error object as Zabbix sends it. */
export interface RpcErrorBody {
  code: number;
  message: string;
  data?: string;
}

/**
 * Turns a Zabbix JSON-RPC error into a typed error. `tokenAuth` says whether the credential in use
 * was an API token, so "Not authorized" can say that the token was revoked or is wrong.
 */
export function classifyRpcError(method: string, err: RpcErrorBody, tokenAuth: boolean): AppError {
  const data = (err.data ?? '').trim();
  const text = `${err.message} ${data}`;
  if (/session terminated|re-login/i.test(text)) {
    return new ZabbixAuthError('session_expired', 'The Zabbix session has expired; log in again.');
  }
  if (/api token expired/i.test(text)) {
    return new ZabbixAuthError('token_expired', 'The Zabbix API token has expired. Create a new token in Zabbix (User settings > API tokens) and save it in Settings.');
  }
  if (/incorrect user name or password|temporarily blocked|login name or password is incorrect/i.test(text)) {
    return new ZabbixAuthError('bad_credentials', 'Zabbix rejected the user name or password (or the account is temporarily blocked after failed logins).');
  }
  if (/not authori[sz]ed/i.test(text)) {
    return tokenAuth
      ? new ZabbixAuthError('token_invalid', 'Zabbix does not accept the API token: it was revoked, disabled, or is wrong. Save a valid token in Settings.')
      : new ZabbixAuthError('not_authorized', 'Zabbix refused the request: not logged in.');
  }
  // The frontend's database failed (a deadlock between concurrent writes, the DB down): transient.
  if (/DBEXECUTE_ERROR|SQL statement execution has failed|database error|Error connecting to database/i.test(text)) {
    return new ZabbixUnavailableError('server_error', `Zabbix ${method} failed on the server's database (${data || err.message}); it will be retried.`);
  }
  const detail = data || err.message;
  if (/no permissions|does not exist|not found/i.test(detail)) return new ZabbixApiError('not_found', `Zabbix ${method}: ${detail}`, err.code, data);
  if (/already exists/i.test(detail)) return new ZabbixApiError('conflict', `Zabbix ${method}: ${detail}`, err.code, data);
  if (/permission|denied/i.test(detail)) return new ZabbixApiError('forbidden', `Zabbix ${method}: ${detail}`, err.code, data);
  return new ZabbixApiError('validation', `Zabbix ${method}: ${detail}`, err.code, data);
}

/** Whether an error means "the server cannot be used now" (so cached data may be shown instead). */
export function isOffline(err: unknown): boolean {
  if (err instanceof ZabbixUnavailableError) return err.kind !== 'not_zabbix';
  return err instanceof AppError && err.code === 'timeout';
}
