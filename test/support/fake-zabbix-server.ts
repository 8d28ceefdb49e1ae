/**
 * The fake Zabbix 6.0 API (fake-zabbix.ts) served over real HTTP on 127.0.0.1, recording every
 * request as received (headers, JSON-RPC method, the `auth` member, params), for tests about what
 * reaches a server. It accepts one API token; it also answers what a push calls (host groups,
 * templates, host.create/update, interfaces, user.get) and keeps pushed hosts in `zabbix.hosts`.
 * `hold(method)` keeps the answer to the next call of a method back, for tests about a caller that
 * stops waiting (it sees the request arrive and the client close the connection).
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

/** The answer to one call, held back until `release()`. */
export interface HeldRpc {
  /** Resolves when the request has arrived (and is recorded in `requests`). */
  readonly arrived: Promise<void>;
  /** Resolves when the client closed the connection before the answer was sent. */
  readonly closed: Promise<void>;
  /** Sends the answer (if the connection is still open). */
  release(): void;
}

export interface FakeZabbixServer {
  /** The frontend URL (the API is at `api_jsonrpc.php` under it). */
  url: string;
  zabbix: FakeZabbix;
  requests: ReceivedRpc[];
  /** Holds back the answer to the next call of `method`. */
  hold(method: string): HeldRpc;
  close(): Promise<void>;
}

interface Hold extends HeldRpc {
  arrive(): void;
  close(): void;
  readonly released: Promise<void>;
}

function latch(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

function createHold(): Hold {
  const arrived = latch();
  const closed = latch();
  const released = latch();
  return { arrived: arrived.promise, closed: closed.promise, released: released.promise, arrive: arrived.fire, close: closed.fire, release: released.fire };
}

const UNAUTHENTICATED = new Set(['apiinfo.version', 'user.login']);

export async function startFakeZabbixServer(options: { token: string }): Promise<FakeZabbixServer> {
  const zabbix = fakeZabbix();
  const requests: ReceivedRpc[] = [];
  const holds = new Map<string, Hold>();
  const allHolds: Hold[] = [];
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
        const held = holds.get(body.method);
        if (held) {
          holds.delete(body.method);
          res.once('close', () => {
            if (!res.writableEnded) held.close();
          });
          held.arrive();
          await held.released;
          if (res.destroyed) return;
        }
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
    hold(method) {
      const h = createHold();
      holds.set(method, h);
      allHolds.push(h);
      return h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of allHolds) h.release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
