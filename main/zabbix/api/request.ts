/**
 * Building Zabbix JSON-RPC requests, per server version. Pure: no I/O, unit-tested for 6.0 and 7.x.
 *
 * How the credential travels changed over the versions:
 * - up to 6.2: only the `auth` member of the request body;
 * - 6.4 and 7.0: the `Authorization: Bearer` header (the `auth` member still works, deprecated);
 * - 7.2 and later: the header only (`auth` was removed).
 * So: `auth` for servers before 6.4, the header from 6.4 on. `apiinfo.version` and `user.login`
 * never carry a credential (6.0 rejects `apiinfo.version` with `auth`).
 */

/** A parsed Zabbix version, e.g. 6.0.14 -> {major: 6, minor: 0, patch: 14}. */
export interface ZabbixVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

/** Parses what `apiinfo.version` returns ("6.0.14", "7.0.0rc1", "7.2.0alpha1"); undefined if it is not a version. */
export function parseVersion(text: string): ZabbixVersion | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), text: text.trim() };
}

function atLeast(v: ZabbixVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** Whether the server takes the credential in the `Authorization: Bearer` header (6.4+). */
export function usesBearerHeader(v: ZabbixVersion): boolean {
  return atLeast(v, 6, 4);
}

/** The parameter name `user.login` takes for the user name: `username` since 5.4, `user` before. */
export function loginUserField(v: ZabbixVersion): 'username' | 'user' {
  return atLeast(v, 5, 4) ? 'username' : 'user';
}

/** Methods that must be called without any credential. */
const UNAUTHENTICATED = new Set(['apiinfo.version', 'user.login', 'user.checkAuthentication']);

export interface RpcRequestSpec {
  method: string;
  params: unknown;
  id: number;
  /** Session id or API token; ignored for methods that take none. */
  auth?: string | undefined;
  version: ZabbixVersion | undefined;
}

export interface BuiltRequest {
  headers: Record<string, string>;
  body: string;
}

/** The headers and JSON body of one JSON-RPC call, with the credential where that version wants it. */
export function buildRequest(spec: RpcRequestSpec): BuiltRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json-rpc', accept: 'application/json' };
  const body: Record<string, unknown> = { jsonrpc: '2.0', method: spec.method, params: spec.params ?? {}, id: spec.id };
  if (spec.auth && !UNAUTHENTICATED.has(spec.method)) {
    // Without a known version (should not happen: the client asks apiinfo.version first), use the
    // older form, which every version up to 7.0 accepts.
    if (spec.version && usesBearerHeader(spec.version)) headers.authorization = `Bearer ${spec.auth}`;
    else body.auth = spec.auth;
  }
  return { headers, body: JSON.stringify(body) };
}

/** The params of `user.login` for that version. */
export function loginParams(version: ZabbixVersion, username: string, password: string): Record<string, string> {
  return { [loginUserField(version)]: username, password };
}
