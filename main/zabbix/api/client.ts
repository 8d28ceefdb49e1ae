/**
 * A JSON-RPC client for the Zabbix API (6.0 LTS to 7.x). It asks `apiinfo.version` first, without
 * credentials, then authenticates with an API token (preferred) or a user and password, and sends
 * the credential the way that version expects (see request.ts). In password mode an expired
 * session is renewed once by logging in again; a bad token or password is a ZabbixAuthError.
 * A caller's AbortSignal (a client that cancelled its call) stops the request in flight: it then
 * fails with the `cancelled` code.
 */
import { AppError, TimeoutError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { classifyRpcError, type RpcErrorBody, ZabbixAuthError, ZabbixUnavailableError } from './errors.ts';
import { buildRequest, loginParams, parseVersion, type ZabbixVersion } from './request.ts';

export type ZabbixAuth = { kind: 'token'; token: string } | { kind: 'password'; username: string; password: string };

export interface ZabbixClientOptions {
  /** The frontend URL (`http://host/zabbix`) or the API endpoint itself (`.../api_jsonrpc.php`). */
  url: string;
  auth?: ZabbixAuth | undefined;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /**
   * Cancels this client's requests (the call it serves was cancelled): the one in flight is
   * aborted and it and every later one fail with the `cancelled` code. Logging out still goes out.
   */
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch;
  logger?: Logger;
}

export interface ZabbixClient {
  /** The JSON-RPC endpoint. */
  readonly apiUrl: string;
  /** The server's version (asked once, unauthenticated). */
  version(): Promise<ZabbixVersion>;
  /** Checks the credential: logs in (password) or makes one authenticated call (token). */
  authenticate(): Promise<void>;
  /** One authenticated call. */
  call<T>(method: string, params: unknown): Promise<T>;
  /** Logs out a password session (tokens stay valid). */
  close(): Promise<void>;
}

/** The API endpoint for what a user typed: a frontend URL or the endpoint itself. */
export function apiEndpoint(url: string): string {
  const u = new URL(url.trim());
  if (!u.pathname.endsWith('/api_jsonrpc.php')) u.pathname = `${u.pathname.replace(/\/+$/, '')}/api_jsonrpc.php`;
  u.hash = '';
  return u.toString();
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the web server running, and is the port right?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to the host';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return cause?.message ?? (err as Error).message;
  }
}

function cancelledError(apiUrl: string, method: string, cause: unknown): AppError {
  return new AppError('cancelled', `The request ${method} to ${apiUrl} was cancelled.`, { cause });
}

export function createZabbixClient(options: ZabbixClientOptions): ZabbixClient {
  const apiUrl = apiEndpoint(options.url);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const auth = options.auth;
  const log = options.logger;
  const cancel = options.signal;
  let nextId = 1;
  let version: ZabbixVersion | undefined;
  let versionPromise: Promise<ZabbixVersion> | undefined;
  let session: string | undefined;
  let loginPromise: Promise<string> | undefined;

  /**
   * One HTTP round trip; returns `result` or throws a typed error. `cancellable`: the caller's
   * signal aborts it (everything but the logout that cleans up after a cancelled call).
   */
  async function rpc<T>(method: string, params: unknown, credential: string | undefined, cancellable = true): Promise<T> {
    const { headers, body } = buildRequest({ method, params, id: nextId++, auth: credential, version });
    const started = Date.now();
    const caller = cancellable ? cancel : undefined;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    let res: Response;
    try {
      res = await doFetch(apiUrl, { method: 'POST', headers, body, signal });
    } catch (err) {
      if (caller?.aborted) throw cancelledError(apiUrl, method, err);
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new TimeoutError(`The Zabbix server at ${apiUrl} did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`, err);
      }
      throw new ZabbixUnavailableError('unreachable', `Cannot reach the Zabbix server at ${apiUrl}: ${networkReason(err)}.`, err);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      if (caller?.aborted) throw cancelledError(apiUrl, method, err);
      if ((err as Error).name === 'TimeoutError') throw new TimeoutError(`The Zabbix server at ${apiUrl} did not finish answering ${method} within ${Math.round(timeoutMs / 1000)} s.`, err);
      throw new ZabbixUnavailableError('unreachable', `The connection to ${apiUrl} broke while reading the answer.`, err);
    }
    let json: { jsonrpc?: unknown; result?: T; error?: RpcErrorBody } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    if (!json || typeof json !== 'object' || json.jsonrpc !== '2.0') {
      const type = res.headers.get('content-type') ?? 'unknown type';
      const looksHtml = /html/i.test(type) || /^\s*</.test(text);
      if (res.status >= 500) {
        throw new ZabbixUnavailableError('http_error', `The web server at ${apiUrl} answered HTTP ${res.status}: the Zabbix frontend is not working (PHP or database down?).`);
      }
      throw new ZabbixUnavailableError(
        'not_zabbix',
        `${apiUrl} is not a Zabbix API: it answered HTTP ${res.status} with ${looksHtml ? 'an HTML page' : type}. Enter the Zabbix frontend URL (e.g. http://server/zabbix).`,
      );
    }
    log?.debug({ method, ms: Date.now() - started }, 'zabbix call');
    if (json.error) throw classifyRpcError(method, json.error, auth?.kind === 'token');
    return json.result as T;
  }

  function getVersion(): Promise<ZabbixVersion> {
    if (version) return Promise.resolve(version);
    versionPromise ??= rpc<string>('apiinfo.version', {}, undefined)
      .then((text) => {
        const v = typeof text === 'string' ? parseVersion(text) : undefined;
        if (!v) throw new ZabbixUnavailableError('not_zabbix', `${apiUrl} answered apiinfo.version with ${JSON.stringify(text).slice(0, 40)}, not a Zabbix version.`);
        version = v;
        return v;
      })
      .finally(() => {
        versionPromise = undefined;
      });
    return versionPromise;
  }

  function login(): Promise<string> {
    if (auth?.kind !== 'password') throw new ZabbixAuthError('not_authorized', 'No Zabbix user name and password are configured.');
    loginPromise ??= getVersion()
      .then((v) => rpc<string>('user.login', loginParams(v, auth.username, auth.password), undefined))
      .then((sid) => {
        session = sid;
        return sid;
      })
      .finally(() => {
        loginPromise = undefined;
      });
    return loginPromise;
  }

  async function credential(): Promise<string> {
    if (!auth) throw new ZabbixAuthError('not_authorized', 'No Zabbix credentials are configured: set an API token or a user and password in Settings.');
    if (auth.kind === 'token') return auth.token;
    return session ?? (await login());
  }

  async function call<T>(method: string, params: unknown): Promise<T> {
    await getVersion();
    const cred = await credential();
    try {
      return await rpc<T>(method, params, cred);
    } catch (err) {
      // A password session can expire (or be killed by an admin): log in once more and retry.
      if (auth?.kind === 'password' && err instanceof ZabbixAuthError && (err.reason === 'session_expired' || err.reason === 'not_authorized')) {
        if (session === cred) session = undefined;
        log?.info({ method }, 'zabbix session expired; logging in again');
        return rpc<T>(method, params, await credential());
      }
      throw err;
    }
  }

  return {
    apiUrl,
    version: getVersion,
    async authenticate() {
      await getVersion();
      if (auth?.kind === 'password') {
        session = undefined;
        await login();
      } else {
        // Any cheap authenticated call proves the token.
        await call('user.get', { output: ['userid'], limit: 1 });
      }
    },
    call,
    async close() {
      if (auth?.kind === 'password' && session) {
        const sid = session;
        session = undefined;
        await rpc('user.logout', [], sid, false).catch(() => undefined);
      }
    },
  };
}
