/**
 * Reading from the Zabbix API: host groups, hosts, items with last values, triggers, problems,
 * events, history and trends, normalised to the contract's shapes. Large lists are paged: ids
 * first (sorted by id), then details in chunks by id, so no single answer grows unbounded.
 */
import type { z } from 'zod';
import type { ZabbixHistory, ZabbixHost, ZabbixProblem } from '../../api/zabbix.ts';
import { NotFoundError } from '../../errors.ts';
import type { ZabbixVersion } from './request.ts';

/** What the reads need of a client. */
export interface ZabbixRpc {
  version(): Promise<ZabbixVersion>;
  call<T>(method: string, params: unknown): Promise<T>;
}

export const DEFAULT_PAGE = 500;

/** Zabbix value types, as history.get's `history` parameter takes them. */
export const VALUE_TYPE = { float: 0, character: 1, log: 2, unsigned: 3, text: 4 } as const;

/** Which `select*` parameter returns a host's groups: `selectGroups` until 6.0, `selectHostGroups` from 6.2. */
export function hostGroupsSelector(v: ZabbixVersion): { param: 'selectGroups' | 'selectHostGroups'; field: 'groups' | 'hostgroups' } {
  return v.major > 6 || (v.major === 6 && v.minor >= 2) ? { param: 'selectHostGroups', field: 'hostgroups' } : { param: 'selectGroups', field: 'groups' };
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Pages a `*.get`: asks for the matching ids only (sorted, capped at `limit`), then the full
 * objects `pageSize` ids at a time.
 */
export async function getPaged<T extends Record<string, unknown>>(
  rpc: ZabbixRpc,
  method: string,
  idField: string,
  idsParam: string,
  filter: Record<string, unknown>,
  detail: Record<string, unknown>,
  opts: { limit?: number; pageSize?: number } = {},
): Promise<T[]> {
  const idParams: Record<string, unknown> = { ...filter, output: [idField], sortfield: idField, sortorder: 'ASC' };
  if (opts.limit) idParams.limit = opts.limit;
  const ids = (await rpc.call<Record<string, string>[]>(method, idParams)).map((r) => r[idField]!);
  const out: T[] = [];
  for (const page of chunks(ids, opts.pageSize ?? DEFAULT_PAGE)) {
    out.push(...(await rpc.call<T[]>(method, { ...detail, [idsParam]: page, sortfield: idField, sortorder: 'ASC' })));
  }
  return out;
}

const ms = (sec: string | number | undefined): number => Number(sec ?? 0) * 1000;

export interface HostGroup {
  groupId: string;
  name: string;
}

export async function getHostGroups(rpc: ZabbixRpc): Promise<HostGroup[]> {
  const rows = await rpc.call<{ groupid: string; name: string }[]>('hostgroup.get', { output: ['groupid', 'name'], sortfield: 'name' });
  return rows.map((r) => ({ groupId: r.groupid, name: r.name }));
}

interface RawHost extends Record<string, unknown> {
  hostid: string;
  host: string;
  name: string;
  status: string;
  groups?: { groupid: string; name: string }[];
  hostgroups?: { groupid: string; name: string }[];
  interfaces?: { interfaceid: string; type: string; ip: string; dns: string; port: string; useip: string; main: string; available?: string }[];
  inventory?: Record<string, string> | [];
  tags?: { tag: string; value: string }[];
  parentTemplates?: { templateid: string; name: string }[];
}

function toHost(r: RawHost): ZabbixHost {
  const inventory: Record<string, string> = {};
  if (r.inventory && !Array.isArray(r.inventory)) {
    for (const [k, v] of Object.entries(r.inventory)) if (v && k !== 'hostid' && k !== 'inventory_mode') inventory[k] = String(v);
  }
  return {
    hostId: r.hostid,
    host: r.host,
    name: r.name,
    enabled: r.status === '0',
    groups: (r.hostgroups ?? r.groups ?? []).map((g) => ({ groupId: g.groupid, name: g.name })),
    interfaces: (r.interfaces ?? []).map((i) => ({
      interfaceId: i.interfaceid,
      type: Number(i.type),
      ip: i.ip,
      dns: i.dns,
      port: i.port,
      useIp: i.useip === '1',
      main: i.main === '1',
      ...(i.available !== undefined ? { available: Number(i.available) } : {}),
    })),
    inventory,
    tags: (r.tags ?? []).map((t) => ({ tag: t.tag, value: t.value })),
    templates: (r.parentTemplates ?? []).map((t) => t.name),
  };
}

/** Hosts with their interfaces, inventory, tags, groups and linked templates. */
export async function getHosts(
  rpc: ZabbixRpc,
  opts: { groupIds?: string[] | undefined; hostIds?: string[]; search?: string | undefined; names?: string[]; limit?: number; pageSize?: number } = {},
): Promise<ZabbixHost[]> {
  const v = await rpc.version();
  const filter: Record<string, unknown> = {};
  if (opts.groupIds?.length) filter.groupids = opts.groupIds;
  if (opts.hostIds?.length) filter.hostids = opts.hostIds;
  if (opts.names?.length) filter.filter = { host: opts.names };
  if (opts.search) {
    filter.search = { host: opts.search, name: opts.search };
    filter.searchByAny = true;
  }
  const detail = {
    output: ['hostid', 'host', 'name', 'status'],
    [hostGroupsSelector(v).param]: ['groupid', 'name'],
    selectInterfaces: ['interfaceid', 'type', 'ip', 'dns', 'port', 'useip', 'main', 'available'],
    selectInventory: 'extend',
    selectTags: ['tag', 'value'],
    selectParentTemplates: ['templateid', 'name'],
  };
  const rows = await getPaged<RawHost>(rpc, 'host.get', 'hostid', 'hostids', filter, detail, { limit: opts.limit ?? 10_000, pageSize: opts.pageSize ?? DEFAULT_PAGE });
  return rows.map(toHost);
}

export interface ZabbixItem {
  itemId: string;
  hostId: string;
  name: string;
  key: string;
  valueType: number;
  units: string;
  lastValue: string;
  /** ms; null when the item never got a value. */
  lastClock: number | null;
  enabled: boolean;
  supported: boolean;
}

/** Items of some hosts with their last values. */
export async function getItems(rpc: ZabbixRpc, opts: { hostIds?: string[]; itemIds?: string[]; search?: string; limit?: number } = {}): Promise<ZabbixItem[]> {
  const filter: Record<string, unknown> = {};
  if (opts.hostIds?.length) filter.hostids = opts.hostIds;
  if (opts.itemIds?.length) filter.itemids = opts.itemIds;
  if (opts.search) filter.search = { name: opts.search };
  const rows = await getPaged<Record<string, string>>(
    rpc,
    'item.get',
    'itemid',
    'itemids',
    filter,
    { output: ['itemid', 'hostid', 'name', 'key_', 'value_type', 'units', 'lastvalue', 'lastclock', 'status', 'state'] },
    { limit: opts.limit ?? 50_000 },
  );
  return rows.map((r) => ({
    itemId: r.itemid!,
    hostId: r.hostid!,
    name: r.name!,
    key: r.key_!,
    valueType: Number(r.value_type),
    units: r.units ?? '',
    lastValue: r.lastvalue ?? '',
    lastClock: r.lastclock && r.lastclock !== '0' ? ms(r.lastclock) : null,
    enabled: r.status === '0',
    supported: r.state !== '1',
  }));
}

export interface ZabbixTrigger {
  triggerId: string;
  description: string;
  priority: number;
  /** True while in problem state. */
  problem: boolean;
  enabled: boolean;
  lastChange: number;
  hosts: { hostId: string; name: string }[];
}

export async function getTriggers(rpc: ZabbixRpc, opts: { hostIds?: string[]; triggerIds?: string[]; onlyProblems?: boolean } = {}): Promise<ZabbixTrigger[]> {
  const filter: Record<string, unknown> = {};
  if (opts.hostIds?.length) filter.hostids = opts.hostIds;
  if (opts.triggerIds?.length) filter.triggerids = opts.triggerIds;
  if (opts.onlyProblems) filter.only_true = true;
  const rows = await getPaged<Record<string, unknown>>(rpc, 'trigger.get', 'triggerid', 'triggerids', filter, {
    output: ['triggerid', 'description', 'priority', 'value', 'status', 'lastchange'],
    expandDescription: true,
    selectHosts: ['hostid', 'name'],
  });
  return rows.map((r) => ({
    triggerId: String(r.triggerid),
    description: String(r.description),
    priority: Number(r.priority),
    problem: r.value === '1',
    enabled: r.status === '0',
    lastChange: ms(r.lastchange as string),
    hosts: ((r.hosts as { hostid: string; name: string }[] | undefined) ?? []).map((h) => ({ hostId: h.hostid, name: h.name })),
  }));
}

interface RawEvent extends Record<string, unknown> {
  eventid: string;
  objectid: string;
  name: string;
  severity: string;
  clock: string;
  acknowledged: string;
  suppressed?: string;
  r_eventid?: string;
  r_clock?: string;
  tags?: { tag: string; value: string }[];
  acknowledges?: { clock: string; message: string; action: string }[];
  hosts?: { hostid: string; name: string }[];
}

function toProblem(r: RawEvent, hosts: Map<string, { hostId: string; name: string }[]>, resolvedAt: number | null): z.output<typeof ZabbixProblem> {
  return {
    eventId: r.eventid,
    triggerId: r.objectid,
    name: r.name,
    severity: Number(r.severity),
    clock: ms(r.clock),
    acknowledged: r.acknowledged === '1',
    suppressed: r.suppressed === '1',
    resolvedAt,
    hosts: r.hosts ? r.hosts.map((h) => ({ hostId: h.hostid, name: h.name })) : (hosts.get(r.objectid) ?? []),
    tags: (r.tags ?? []).map((t) => ({ tag: t.tag, value: t.value })),
    acknowledges: (r.acknowledges ?? []).map((a) => ({ clock: ms(a.clock), message: a.message, action: Number(a.action) })),
  };
}

/**
 * Current problems (problem.get) of trigger events, newest first, with their hosts (problem.get
 * has no selectHosts: they come from the triggers).
 */
export async function getProblems(
  rpc: ZabbixRpc,
  opts: { hostIds?: string[] | undefined; minSeverity?: number; eventIds?: string[]; limit?: number } = {},
): Promise<ZabbixProblem[]> {
  const filter: Record<string, unknown> = { source: 0, object: 0 };
  if (opts.hostIds?.length) filter.hostids = opts.hostIds;
  if (opts.eventIds?.length) filter.eventids = opts.eventIds;
  if (opts.minSeverity) filter.severities = [0, 1, 2, 3, 4, 5].filter((s) => s >= (opts.minSeverity ?? 0));
  const rows = await getPaged<RawEvent>(rpc, 'problem.get', 'eventid', 'eventids', { ...filter, recent: false }, {
    output: 'extend',
    selectAcknowledges: ['clock', 'message', 'action'],
    selectTags: ['tag', 'value'],
  }, { limit: opts.limit ?? 1000 });
  const triggerIds = [...new Set(rows.map((r) => r.objectid))];
  const hosts = new Map<string, { hostId: string; name: string }[]>();
  for (const page of chunks(triggerIds, DEFAULT_PAGE)) {
    const triggers = await rpc.call<{ triggerid: string; hosts: { hostid: string; name: string }[] }[]>('trigger.get', {
      triggerids: page,
      output: ['triggerid'],
      selectHosts: ['hostid', 'name'],
    });
    for (const t of triggers) hosts.set(t.triggerid, t.hosts.map((h) => ({ hostId: h.hostid, name: h.name })));
  }
  return rows.map((r) => toProblem(r, hosts, r.r_clock && r.r_clock !== '0' ? ms(r.r_clock) : null)).sort((a, b) => b.clock - a.clock);
}

/**
 * Problem events since `since` (ms), resolved ones included: event.get, for history that
 * problem.get no longer returns (resolved problems leave it after a while).
 */
export async function getProblemEvents(rpc: ZabbixRpc, opts: { since: number; hostIds?: string[] | undefined; minSeverity?: number; limit?: number }): Promise<ZabbixProblem[]> {
  const params: Record<string, unknown> = {
    source: 0,
    object: 0,
    value: 1,
    time_from: Math.floor(opts.since / 1000),
    output: 'extend',
    selectHosts: ['hostid', 'name'],
    selectAcknowledges: ['clock', 'message', 'action'],
    selectTags: ['tag', 'value'],
    sortfield: ['clock', 'eventid'],
    sortorder: 'DESC',
    limit: opts.limit ?? 1000,
  };
  if (opts.hostIds?.length) params.hostids = opts.hostIds;
  if (opts.minSeverity) params.severities = [0, 1, 2, 3, 4, 5].filter((s) => s >= (opts.minSeverity ?? 0));
  const rows = await rpc.call<RawEvent[]>('event.get', params);
  // The recovery events carry the resolution time.
  const recoveryIds = [...new Set(rows.map((r) => r.r_eventid).filter((id): id is string => !!id && id !== '0'))];
  const recovered = new Map<string, number>();
  for (const page of chunks(recoveryIds, DEFAULT_PAGE)) {
    for (const e of await rpc.call<{ eventid: string; clock: string }[]>('event.get', { eventids: page, output: ['eventid', 'clock'] })) recovered.set(e.eventid, ms(e.clock));
  }
  return rows.map((r) => toProblem(r, new Map(), r.r_eventid && r.r_eventid !== '0' ? (recovered.get(r.r_eventid) ?? null) : null));
}

/**
 * Acknowledges exactly one problem event and adds a message to it (action 2 acknowledge + 4 add
 * message). Returns the event ids Zabbix reports as updated.
 */
export async function acknowledgeEvent(rpc: ZabbixRpc, eventId: string, message: string): Promise<string[]> {
  const ACKNOWLEDGE = 2;
  const ADD_MESSAGE = 4;
  const res = await rpc.call<{ eventids: (string | number)[] }>('event.acknowledge', { eventids: [eventId], action: ACKNOWLEDGE | ADD_MESSAGE, message });
  return res.eventids.map(String);
}

const TREND_THRESHOLD_MS = 2 * 24 * 3600_000;

/** Averages numeric points into at most `max` buckets (keeping min and max); text keeps the last `max`. */
export function downsample(points: z.output<typeof ZabbixHistory>['points'], max: number, from: number, to: number): z.output<typeof ZabbixHistory>['points'] {
  if (points.length <= max) return points;
  if (typeof points[0]!.value === 'string') return points.slice(-max);
  const width = (to - from) / max;
  const buckets = new Map<number, { sum: number; n: number; min: number; max: number; clock: number }>();
  for (const p of points) {
    const v = p.value as number;
    const b = Math.min(max - 1, Math.floor((p.clock - from) / width));
    const cur = buckets.get(b);
    if (!cur) buckets.set(b, { sum: v, n: 1, min: p.min ?? v, max: p.max ?? v, clock: p.clock });
    else {
      cur.sum += v;
      cur.n++;
      cur.min = Math.min(cur.min, p.min ?? v);
      cur.max = Math.max(cur.max, p.max ?? v);
    }
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => ({ clock: b.clock, value: b.sum / b.n, min: b.min, max: b.max }));
}

/**
 * History of one item between `from` and `to` (ms), read with the value type the item has.
 * Numeric items over more than two days read trends (hourly min/avg/max) instead.
 */
export async function getHistory(rpc: ZabbixRpc, opts: { itemId: string; from: number; to: number; maxPoints?: number; pageSize?: number }): Promise<z.output<typeof ZabbixHistory>> {
  const [item] = await rpc.call<{ itemid: string; name: string; units: string; value_type: string }[]>('item.get', {
    itemids: [opts.itemId],
    output: ['itemid', 'name', 'units', 'value_type'],
    webitems: true,
  });
  if (!item) throw new NotFoundError(`Zabbix has no item ${opts.itemId} (or this user may not read it).`);
  const valueType = Number(item.value_type);
  const numeric = valueType === VALUE_TYPE.float || valueType === VALUE_TYPE.unsigned;
  const maxPoints = opts.maxPoints ?? 2000;
  const timeFrom = Math.floor(opts.from / 1000);
  const timeTill = Math.ceil(opts.to / 1000);
  const base = { itemId: item.itemid, name: item.name, units: item.units, valueType };
  if (numeric && opts.to - opts.from > TREND_THRESHOLD_MS) {
    const rows = await rpc.call<{ clock: string; value_min: string; value_avg: string; value_max: string }[]>('trend.get', {
      itemids: [item.itemid],
      time_from: timeFrom,
      time_till: timeTill,
      output: ['itemid', 'clock', 'num', 'value_min', 'value_avg', 'value_max'],
    });
    if (rows.length) {
      const points = rows
        .map((r) => ({ clock: ms(r.clock), value: Number(r.value_avg), min: Number(r.value_min), max: Number(r.value_max) }))
        .sort((a, b) => a.clock - b.clock);
      return { ...base, source: 'trends', points: downsample(points, maxPoints, opts.from, opts.to) };
    }
  }
  // history.get pages by time: each page starts at the last clock seen; duplicates are dropped.
  const pageSize = opts.pageSize ?? 10_000;
  const seen = new Set<string>();
  const points: z.output<typeof ZabbixHistory>['points'] = [];
  let cursor = timeFrom;
  for (let guard = 0; guard < 100; guard++) {
    const rows = await rpc.call<{ clock: string; ns: string; value: string }[]>('history.get', {
      history: valueType,
      itemids: [item.itemid],
      time_from: cursor,
      time_till: timeTill,
      output: 'extend',
      sortfield: 'clock',
      sortorder: 'ASC',
      limit: pageSize,
    });
    let added = 0;
    for (const r of rows) {
      const key = `${r.clock}.${r.ns}`;
      if (seen.has(key)) continue;
      seen.add(key);
      added++;
      points.push({ clock: ms(r.clock) + Math.floor(Number(r.ns ?? 0) / 1e6), value: numeric ? Number(r.value) : r.value });
    }
    if (rows.length < pageSize || added === 0) break;
    cursor = Number(rows.at(-1)!.clock);
  }
  return { ...base, source: 'history', points: downsample(points, maxPoints, opts.from, opts.to) };
}
