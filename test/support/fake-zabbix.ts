/**
 * A fake Zabbix 6.0 JSON-RPC API as a `fetch`, for unit tests of the mirror: hosts, problems
 * (with their triggers' hosts) and items held in plain arrays the test edits, the `*.get` calls
 * the reads make (ids first, then details by id), and a switch that makes the server unreachable.
 * Nothing leaves the process.
 */

export interface FakeInterface {
  ip?: string;
  dns?: string;
  useIp?: boolean;
  main?: boolean;
  type?: number;
  /** 0 unknown, 1 available, 2 unavailable. */
  available?: number;
}

export interface FakeHost {
  hostId: string;
  host: string;
  name?: string;
  enabled?: boolean;
  interfaces?: FakeInterface[];
  inventory?: Record<string, string>;
}

export interface FakeProblem {
  eventId: string;
  hostId: string;
  name: string;
  severity: number;
  /** Seconds. */
  clock?: number;
  acknowledged?: boolean;
}

export interface FakeItem {
  itemId: string;
  hostId: string;
  name: string;
  key: string;
  lastValue: string;
}

export interface FakeZabbix {
  fetch: typeof fetch;
  hosts: FakeHost[];
  problems: FakeProblem[];
  items: FakeItem[];
  /** While true, every call fails as a refused connection. */
  down: boolean;
  /** Methods called, in order. */
  calls: string[];
}

const ids = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

export function fakeZabbix(): FakeZabbix {
  const z: FakeZabbix = { hosts: [], problems: [], items: [], down: false, calls: [], fetch: undefined as unknown as typeof fetch };

  function rawHost(h: FakeHost) {
    return {
      hostid: h.hostId,
      host: h.host,
      name: h.name ?? h.host,
      status: h.enabled === false ? '1' : '0',
      groups: [{ groupid: '2', name: 'Linux servers' }],
      interfaces: (h.interfaces ?? []).map((i, n) => ({
        interfaceid: `${h.hostId}${n}`,
        type: String(i.type ?? 1),
        ip: i.ip ?? '',
        dns: i.dns ?? '',
        port: '10050',
        useip: i.useIp === false ? '0' : '1',
        main: (i.main ?? n === 0) ? '1' : '0',
        available: String(i.available ?? 0),
      })),
      inventory: h.inventory ?? [],
      tags: [],
      parentTemplates: [],
    };
  }

  function answer(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'apiinfo.version':
        return '6.0.14';
      case 'host.get': {
        const wanted = ids(p.hostids);
        const list = wanted ? z.hosts.filter((h) => wanted.includes(h.hostId)) : z.hosts;
        return p.output && Array.isArray(p.output) && p.output.length === 1 ? list.map((h) => ({ hostid: h.hostId })) : list.map(rawHost);
      }
      case 'problem.get': {
        const wanted = ids(p.eventids);
        if (!wanted) return z.problems.map((x) => ({ eventid: x.eventId }));
        return z.problems
          .filter((x) => wanted.includes(x.eventId))
          .map((x) => ({
            eventid: x.eventId,
            objectid: `t${x.eventId}`,
            name: x.name,
            severity: String(x.severity),
            clock: String(x.clock ?? 1_700_000_000),
            acknowledged: x.acknowledged ? '1' : '0',
            suppressed: '0',
            r_eventid: '0',
            r_clock: '0',
            acknowledges: [],
            tags: [],
          }));
      }
      case 'trigger.get':
        return (ids(p.triggerids) ?? []).map((t) => {
          const prob = z.problems.find((x) => `t${x.eventId}` === t);
          const host = z.hosts.find((h) => h.hostId === prob?.hostId);
          return { triggerid: t, hosts: host ? [{ hostid: host.hostId, name: host.name ?? host.host }] : [] };
        });
      case 'item.get': {
        const wantedItems = ids(p.itemids);
        const hostIds = ids(p.hostids);
        if (!wantedItems) return z.items.filter((i) => !hostIds || hostIds.includes(i.hostId)).map((i) => ({ itemid: i.itemId }));
        return z.items
          .filter((i) => wantedItems.includes(i.itemId))
          .map((i) => ({
            itemid: i.itemId,
            hostid: i.hostId,
            name: i.name,
            key_: i.key,
            value_type: '3',
            units: '',
            lastvalue: i.lastValue,
            lastclock: '1700000000',
            status: '0',
            state: '0',
          }));
      }
      default:
        throw new Error(`fake zabbix: ${method} is not implemented`);
    }
  }

  z.fetch = (async (_url: string, init: RequestInit) => {
    if (z.down) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const body = JSON.parse(String(init.body)) as { id: number; method: string; params: Record<string, unknown> };
    z.calls.push(body.method);
    const result = answer(body.method, body.params ?? {});
    return new Response(JSON.stringify({ jsonrpc: '2.0', result, id: body.id }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return z;
}
