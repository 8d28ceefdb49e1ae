/**
 * The fake Zabbix 6.0 API (fake-zabbix.ts) served over real HTTP on 127.0.0.1, recording every
 * request as received (headers, JSON-RPC method, the `auth` member, params), for tests about what
 * reaches a server. It accepts one API token; it also answers what a push calls (host groups,
 * templates, host.create/update, interfaces, user.get) and keeps pushed hosts in `zabbix.hosts`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeZabbix, fakeZabbix } from './fake-zabbix.ts';

export interface ReceivedRpc {
  authorization: string | undefined;
  method: string;
  /** The `auth` member of the body (how 6.0 takes the token). */
  auth: unknown;
  params: Record<string, unknown>;
  /** The whole body, as text. */
  raw: string;
}

export interface FakeZabbixServer {
  /** The frontend URL (the API is at `api_jsonrpc.php` under it). */
  url: string;
  zabbix: FakeZabbix;
  requests: ReceivedRpc[];
  close(): Promise<void>;
}

const UNAUTHENTICATED = new Set(['apiinfo.version', 'user.login']);

export async function startFakeZabbixServer(options: { token: string }): Promise<FakeZabbixServer> {
  const zabbix = fakeZabbix();
  const requests: ReceivedRpc[] = [];
  let nextHost = 100;

  /** What a push calls, which the read fake does not answer; undefined: ask the read fake. */
  function pushAnswer(method: string, p: Record<string, unknown>): { result: unknown } | undefined {
    switch (method) {
      case 'user.get':
        return { result: [{ userid: '1' }] };
      case 'hostgroup.get':
        return { result: [{ groupid: '7' }] };
      case 'template.get':
        return { result: [] };
      case 'host.get': {
        const names = (p.filter as { host?: string[] } | undefined)?.host;
        if (!names) return undefined;
        const found = zabbix.hosts.filter((h) => names.includes(h.host));
        return { result: found.map((h) => ({ hostid: h.hostId, groups: [], parentTemplates: [], tags: [], interfaces: [] })) };
      }
      case 'host.create': {
        const hostId = String(nextHost++);
        zabbix.hosts.push({ hostId, host: String(p.host) });
        return { result: { hostids: [hostId] } };
      }
      case 'host.update':
      case 'hostinterface.update':
      case 'hostinterface.create':
        return { result: {} };
      default:
        return undefined;
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw) as { id: number; method: string; auth?: unknown; params?: Record<string, unknown> };
        const params = body.params ?? {};
        requests.push({ authorization: req.headers.authorization, method: body.method, auth: body.auth, params, raw });
        const send = (json: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        const credential = typeof body.auth === 'string' ? body.auth : req.headers.authorization?.replace(/^Bearer /, '');
        if (!UNAUTHENTICATED.has(body.method) && credential !== options.token) {
          send({ jsonrpc: '2.0', error: { code: -32602, message: 'Invalid params.', data: 'Not authorised.' }, id: body.id });
          return;
        }
        const own = pushAnswer(body.method, params);
        if (own) {
          send({ jsonrpc: '2.0', result: own.result, id: body.id });
          return;
        }
        const answer = await zabbix.fetch(`http://fake${req.url ?? '/'}`, { method: 'POST', body: raw });
        send(await answer.json());
      })().catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/zabbix`,
    zabbix,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
