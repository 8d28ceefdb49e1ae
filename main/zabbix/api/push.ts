/**
 * Pushing a device to Zabbix as a host: created when no host has its technical name, updated
 * otherwise (idempotent by host name, so pushing twice never makes a duplicate). The host gets an
 * SNMP interface (v1/v2c community or v3 USM details), a host group (created if missing), the
 * first template of a list that exists on the server (names differ between versions), and tags
 * with the site. On update, Zabbix-side additions are kept: other groups, templates, tags and
 * interfaces stay; ours are added or refreshed.
 */
import { ValidationError } from '../../errors.ts';
import { type ZabbixRpc, hostGroupsSelector } from './reads.ts';

/** SNMP access for the interface, as Zabbix stores it in `details`. */
export type SnmpAccess =
  | { version: '1' | '2c'; community: string }
  | {
      version: '3';
      securityName: string;
      securityLevel: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
      authProtocol?: string | undefined;
      authPassphrase?: string | undefined;
      privProtocol?: string | undefined;
      privPassphrase?: string | undefined;
      contextName?: string | undefined;
    };

export interface HostSpec {
  /** Technical host name (the idempotency key); sanitised with {@link zabbixHostName}. */
  host: string;
  /** Visible name. */
  name: string;
  /** IP address or DNS name of the SNMP interface. */
  address: string;
  port?: number;
  snmp: SnmpAccess;
  groupName: string;
  /** Template names tried in order; the first that exists is linked. Empty: none. */
  templateNames: string[];
  tags: { tag: string; value: string }[];
}

export interface PushResult {
  hostId: string;
  created: boolean;
  /** The template linked, if any of the names exists on the server. */
  template: string | null;
}

/** Zabbix technical host names allow letters, digits, space, dot, dash and underscore (max 128). */
export function zabbixHostName(name: string): string {
  const clean = name.trim().replace(/[^A-Za-z0-9 ._-]/g, '_').slice(0, 128).trim();
  if (!clean) throw new ValidationError(`"${name}" cannot be made into a Zabbix host name`);
  return clean;
}

const AUTH_PROTOCOLS: Record<string, number> = { md5: 0, sha: 1, sha1: 1, sha224: 2, sha256: 3, sha384: 4, sha512: 5 };
// aes256b (Blumenthal) is Zabbix's AES256; aes256r (Reeder, Cisco) is AES256C.
const PRIV_PROTOCOLS: Record<string, number> = { des: 0, aes: 1, aes128: 1, aes192: 2, aes256: 3, aes256b: 3, aes192c: 4, aes256r: 5, aes256c: 5 };
const SECURITY_LEVELS = { noAuthNoPriv: 0, authNoPriv: 1, authPriv: 2 } as const;

/** The `details` object of an SNMP host interface (Zabbix 5.0+). */
export function snmpDetails(snmp: SnmpAccess): Record<string, string | number> {
  if (snmp.version !== '3') return { version: snmp.version === '1' ? 1 : 2, bulk: 1, community: snmp.community };
  const d: Record<string, string | number> = {
    version: 3,
    bulk: 1,
    securityname: snmp.securityName,
    securitylevel: SECURITY_LEVELS[snmp.securityLevel],
    contextname: snmp.contextName ?? '',
  };
  if (snmp.securityLevel !== 'noAuthNoPriv') {
    d.authprotocol = AUTH_PROTOCOLS[(snmp.authProtocol ?? 'sha').toLowerCase()] ?? 1;
    d.authpassphrase = snmp.authPassphrase ?? '';
  }
  if (snmp.securityLevel === 'authPriv') {
    d.privprotocol = PRIV_PROTOCOLS[(snmp.privProtocol ?? 'aes').toLowerCase()] ?? 1;
    d.privpassphrase = snmp.privPassphrase ?? '';
  }
  return d;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function snmpInterface(spec: HostSpec): Record<string, unknown> {
  const isIp = IPV4.test(spec.address) || spec.address.includes(':');
  return {
    type: 2,
    main: 1,
    useip: isIp ? 1 : 0,
    ip: isIp ? spec.address : '',
    dns: isIp ? '' : spec.address,
    port: String(spec.port ?? 161),
    details: snmpDetails(spec.snmp),
  };
}

// Zabbix (6.0 at least) has no unique index on host group names: two concurrent hostgroup.create
// calls make two groups. So creations are serialised per client and name, and when duplicates
// exist anyway (another WARD FLUX raced us) everyone uses the oldest, lowest id.
const inFlightGroups = new WeakMap<ZabbixRpc, Map<string, Promise<string>>>();

async function findOrCreateGroup(rpc: ZabbixRpc, name: string): Promise<string> {
  const find = async () =>
    (await rpc.call<{ groupid: string }[]>('hostgroup.get', { filter: { name: [name] }, output: ['groupid'] }))
      .map((g) => g.groupid)
      .sort((a, b) => Number(a) - Number(b))[0];
  const existing = await find();
  if (existing) return existing;
  try {
    await rpc.call<{ groupids: string[] }>('hostgroup.create', { name });
  } catch (err) {
    // "already exists": created meanwhile by someone else.
    if (!(await find())) throw err;
  }
  return (await find())!;
}

/** The id of the host group with this name, created when missing. */
export function ensureHostGroup(rpc: ZabbixRpc, name: string): Promise<string> {
  let perClient = inFlightGroups.get(rpc);
  if (!perClient) inFlightGroups.set(rpc, (perClient = new Map()));
  const pending = perClient.get(name);
  if (pending) return pending;
  const p = findOrCreateGroup(rpc, name).finally(() => perClient.delete(name));
  perClient.set(name, p);
  return p;
}

/** The first template (by technical or visible name) of `names` that exists on the server. */
export async function findTemplate(rpc: ZabbixRpc, names: string[]): Promise<{ templateId: string; name: string } | null> {
  if (!names.length) return null;
  const [byHost, byName] = await Promise.all([
    rpc.call<{ templateid: string; host: string; name: string }[]>('template.get', { filter: { host: names }, output: ['templateid', 'host', 'name'] }),
    rpc.call<{ templateid: string; host: string; name: string }[]>('template.get', { filter: { name: names }, output: ['templateid', 'host', 'name'] }),
  ]);
  const all = [...byHost, ...byName];
  for (const n of names) {
    const t = all.find((x) => x.host === n || x.name === n);
    if (t) return { templateId: t.templateid, name: t.host };
  }
  return null;
}

interface ExistingHost {
  hostid: string;
  groups?: { groupid: string }[];
  hostgroups?: { groupid: string }[];
  parentTemplates: { templateid: string }[];
  tags: { tag: string; value: string }[];
  interfaces: { interfaceid: string; type: string; main: string }[];
}

/** Creates or updates one host; see the module comment for what an update keeps. */
export async function pushHost(rpc: ZabbixRpc, input: HostSpec): Promise<PushResult> {
  const spec = { ...input, host: zabbixHostName(input.host) };
  const v = await rpc.version();
  const groups = hostGroupsSelector(v);
  const groupId = await ensureHostGroup(rpc, spec.groupName);
  const template = await findTemplate(rpc, spec.templateNames);
  const [existing] = await rpc.call<ExistingHost[]>('host.get', {
    filter: { host: [spec.host] },
    output: ['hostid'],
    [groups.param]: ['groupid'],
    selectParentTemplates: ['templateid'],
    selectTags: ['tag', 'value'],
    selectInterfaces: ['interfaceid', 'type', 'main'],
  });
  const iface = snmpInterface(spec);

  if (!existing) {
    try {
      const res = await rpc.call<{ hostids: string[] }>('host.create', {
        host: spec.host,
        name: spec.name,
        groups: [{ groupid: groupId }],
        interfaces: [iface],
        tags: spec.tags,
        ...(template ? { templates: [{ templateid: template.templateId }] } : {}),
      });
      return { hostId: res.hostids[0]!, created: true, template: template?.name ?? null };
    } catch (err) {
      // Two pushes raced: the other one created it; fall through to an update.
      const [raced] = await rpc.call<ExistingHost[]>('host.get', { filter: { host: [spec.host] }, output: ['hostid'] });
      if (!raced) throw err;
      return pushHost(rpc, input);
    }
  }

  const groupIds = new Set([...(existing.hostgroups ?? existing.groups ?? []).map((g) => g.groupid), groupId]);
  const templateIds = new Set(existing.parentTemplates.map((t) => t.templateid));
  if (template) templateIds.add(template.templateId);
  const ourTags = new Set(spec.tags.map((t) => t.tag));
  const tags = [...existing.tags.filter((t) => !ourTags.has(t.tag)), ...spec.tags];
  await rpc.call('host.update', {
    hostid: existing.hostid,
    name: spec.name,
    groups: [...groupIds].map((groupid) => ({ groupid })),
    templates: [...templateIds].map((templateid) => ({ templateid })),
    tags,
  });
  // Interfaces are changed one by one: host.update with `interfaces` would replace all of them.
  const snmpMain = existing.interfaces.find((i) => i.type === '2' && i.main === '1');
  if (snmpMain) await rpc.call('hostinterface.update', { interfaceid: snmpMain.interfaceid, ...iface });
  else await rpc.call('hostinterface.create', { hostid: existing.hostid, ...iface });
  return { hostId: existing.hostid, created: false, template: template?.name ?? null };
}
