/**
 * The SNMP layer against real Net-SNMP agents: v1, v2c, v3 at every level with every auth/priv
 * combination this snmpd accepts, the typed errors (wrong community, wrong password, unknown
 * user), and walks that must equal Net-SNMP's own snmpwalk/snmpbulkwalk for the same subtree.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSnmpClient, type SnmpClient, SnmpAuthError, type SnmpCredential, SnmpTimeoutError, type V3Credential } from '../../../main/snmp/index.ts';
import { AppError } from '../../../main/errors.ts';
import { createLab, describeLab, type Lab } from '../index.ts';
import type { AuthProtocol as LabAuth, PrivProtocol as LabPriv, SnmpV3User } from '../lab-spec.ts';
import { canonical, comparable, parseNetSnmpWalk } from './net-snmp-output.ts';

const AUTHS: [LabAuth, V3Credential['authProtocol']][] = [
  ['MD5', 'md5'],
  ['SHA', 'sha'],
  ['SHA-224', 'sha224'],
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
];
const PRIVS: [LabPriv, V3Credential['privProtocol']][] = [
  ['DES', 'des'],
  ['AES', 'aes'],
  ['AES-256', 'aes256b'],
];
const AUTH_KEY = 'lab-auth-pass';
const PRIV_KEY = 'lab-priv-pass';
const userName = (a: string, p?: string) => `u-${a}${p ? `-${p}` : ''}`.toLowerCase();

const USERS: SnmpV3User[] = [
  { name: 'u-none', level: 'noAuthNoPriv' },
  ...AUTHS.map(([a]) => ({ name: userName(a), level: 'authNoPriv' as const, authProtocol: a, authKey: AUTH_KEY })),
  ...AUTHS.flatMap(([a]) => PRIVS.map(([p]) => ({ name: userName(a, p), level: 'authPriv' as const, authProtocol: a, authKey: AUTH_KEY, privProtocol: p, privKey: PRIV_KEY }))),
];

const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0

describeLab('snmp: sessions against real snmpd', () => {
  let lab: Lab;
  let client: SnmpClient;
  let host: string;

  beforeAll(async () => {
    lab = await createLab({ name: 'snmp-session', probe: 'root', hosts: [{ name: 'agent', snmp: { sysName: 'lab-agent', communities: ['public'], users: USERS } }] });
    host = lab.hosts.agent as string;
    client = createSnmpClient({ defaults: { timeoutMs: 1000, retries: 1 } });
  });
  afterAll(async () => {
    client?.close();
    await lab?.destroy();
  });

  it('reads with v1 and v2c', async () => {
    for (const version of ['1', '2c'] as const) {
      const s = await client.session(host, { version, community: 'public' });
      const [vb] = await s.get([SYS_NAME]);
      expect(vb).toMatchObject({ type: 'OctetString', value: 'lab-agent' });
    }
  });

  it('reads with v3 at every level, every auth (MD5, SHA-1/224/256/384/512) and priv (DES, AES-128, AES-256)', async () => {
    const creds: SnmpCredential[] = [
      { version: '3', username: 'u-none', securityLevel: 'noAuthNoPriv' },
      ...AUTHS.map(([a, auth]) => ({ version: '3' as const, username: userName(a), securityLevel: 'authNoPriv' as const, authProtocol: auth, authKey: AUTH_KEY })),
      ...AUTHS.flatMap(([a, auth]) =>
        PRIVS.map(([p, priv]) => ({ version: '3' as const, username: userName(a, p), securityLevel: 'authPriv' as const, authProtocol: auth, authKey: AUTH_KEY, privProtocol: priv, privKey: PRIV_KEY })),
      ),
    ];
    const results = await Promise.all(
      creds.map(async (c) => {
        const s = await client.session(host, c);
        const [vb] = await s.get([SYS_NAME]);
        return `${s.describe()}: ${String(vb?.value)}`;
      }),
    );
    expect(results.filter((r) => !r.endsWith(': lab-agent'))).toEqual([]);
    expect(results).toHaveLength(1 + 6 + 18);
  });

  it('AES-256 with the Reeder (Cisco) key extension equals Blumenthal when the auth key is long enough, and fails typed otherwise', async () => {
    const outcomes = await Promise.all(
      AUTHS.map(async ([a, auth]) => {
        const s = await client.session(host, { version: '3', username: userName(a, 'AES-256'), securityLevel: 'authPriv', authProtocol: auth, authKey: AUTH_KEY, privProtocol: 'aes256r', privKey: PRIV_KEY }, { timeoutMs: 500, retries: 0 });
        try {
          const [vb] = await s.get([SYS_NAME]);
          return [a, String(vb?.value)];
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          return [a, (err as Error).constructor.name];
        }
      }),
    );
    const byAuth = Object.fromEntries(outcomes);
    // SHA-256/384/512 localized keys are >= 32 bytes: no key extension, both variants agree.
    expect(byAuth).toMatchObject({ 'SHA-256': 'lab-agent', 'SHA-384': 'lab-agent', 'SHA-512': 'lab-agent' });
    for (const a of ['MD5', 'SHA', 'SHA-224']) expect(byAuth[a]).not.toBe('lab-agent');
  });

  it('wrong community: a typed timeout costing one timeout budget', async () => {
    const s = await client.session(host, { version: '2c', community: 'not-the-community' }, { timeoutMs: 300, retries: 1 });
    const started = performance.now();
    await expect(s.get([SYS_NAME])).rejects.toBeInstanceOf(SnmpTimeoutError);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(1200);
  });

  it('wrong v3 auth password, unknown user, wrong privacy password: typed auth errors', async () => {
    const wrongAuth = await client.session(host, { version: '3', username: 'u-sha', securityLevel: 'authNoPriv', authProtocol: 'sha', authKey: 'not-the-password' });
    await expect(wrongAuth.get([SYS_NAME])).rejects.toMatchObject({ name: 'SnmpAuthError', reason: 'wrong_digest', code: 'unauthorized' });
    const unknown = await client.session(host, { version: '3', username: 'nobody-here', securityLevel: 'authNoPriv', authProtocol: 'sha', authKey: AUTH_KEY });
    await expect(unknown.get([SYS_NAME])).rejects.toMatchObject({ name: 'SnmpAuthError', reason: 'unknown_user' });
    const wrongProto = await client.session(host, { version: '3', username: 'u-sha', securityLevel: 'authNoPriv', authProtocol: 'md5', authKey: AUTH_KEY });
    await expect(wrongProto.get([SYS_NAME])).rejects.toBeInstanceOf(SnmpAuthError);
    const wrongPriv = await client.session(host, { version: '3', username: 'u-sha-aes', securityLevel: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'aes', privKey: 'not-the-priv-pass' }, { timeoutMs: 500, retries: 0 });
    // snmpd drops what it cannot decrypt (no report): a timeout that says why it probably happened.
    const err = await wrongPriv.get([SYS_NAME]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnmpTimeoutError);
    expect((err as Error).message).toMatch(/privacy password or protocol is probably wrong/);
  });

  it('finds the working credential among several, in list order', async () => {
    const match = await client.findCredential(
      host,
      [
        { id: 'wrong-comm', version: '2c', community: 'nope' },
        { id: 'wrong-user', version: '3', username: 'nobody', securityLevel: 'authNoPriv', authProtocol: 'sha', authKey: AUTH_KEY },
        { id: 'good-v3', version: '3', username: 'u-sha-256-aes', securityLevel: 'authPriv', authProtocol: 'sha256', authKey: AUTH_KEY, privProtocol: 'aes', privKey: PRIV_KEY },
        { id: 'good-v2', version: '2c', community: 'public' },
      ],
      { timeoutMs: 500, retries: 0 },
    );
    expect(match.credential.id).toBe('good-v3');
    expect(match.sysObjectID).toMatchObject({ type: 'ObjectIdentifier', value: '1.3.6.1.4.1.8072.3.2.10' });
    expect(client.rememberedCredential(host)).toBe('id:good-v3');
  });

  for (const [subtree, name] of [
    ['1.3.6.1.2.1.1', 'system'],
    ['1.3.6.1.2.1.2.2', 'ifTable'],
    ['1.3.6.1.2.1.31.1.1', 'ifXTable'],
    ['1.3.6.1.2.1.4.20', 'ipAddrTable'],
  ] as const) {
    it(`walk and bulkwalk of ${name} equal snmpwalk and snmpbulkwalk`, async () => {
      const s = await client.session(host, { version: '2c', community: 'public' });
      const ours = { walk: await s.walk(subtree, { useGetNext: true }), bulk: await s.walk(subtree, { maxRepetitions: 25 }) };
      const theirs = {
        walk: await lab.execInProbe('snmpwalk', ['-v2c', '-c', 'public', '-On', '-Oe', '-Ox', host, subtree]),
        bulk: await lab.execInProbe('snmpbulkwalk', ['-v2c', '-c', 'public', '-Cr25', '-On', '-Oe', '-Ox', host, subtree]),
      };
      for (const k of ['walk', 'bulk'] as const) {
        expect(theirs[k].code).toBe(0);
        const expected = parseNetSnmpWalk(theirs[k].stdout).map(comparable);
        expect(expected.length).toBeGreaterThan(0);
        expect(ours[k].map(canonical).map(comparable)).toEqual(expected);
      }
    });
  }

  it('walks over v3 authPriv equal snmpbulkwalk -v3', async () => {
    const s = await client.session(host, { version: '3', username: 'u-sha-512-aes-256', securityLevel: 'authPriv', authProtocol: 'sha512', authKey: AUTH_KEY, privProtocol: 'aes256b', privKey: PRIV_KEY });
    const ours = await s.walk('1.3.6.1.2.1.2.2');
    const theirs = await lab.execInProbe('snmpbulkwalk', ['-v3', '-l', 'authPriv', '-u', 'u-sha-512-aes-256', '-a', 'SHA-512', '-A', AUTH_KEY, '-x', 'AES-256', '-X', PRIV_KEY, '-On', '-Oe', '-Ox', host, '1.3.6.1.2.1.2.2']);
    expect(theirs.code).toBe(0);
    expect(ours.map(canonical).map(comparable)).toEqual(parseNetSnmpWalk(theirs.stdout).map(comparable));
  });

  it('reads tables by index with named columns', async () => {
    const s = await client.session(host, { version: '2c', community: 'public' });
    const t = await s.table('1.3.6.1.2.1.2.2');
    expect(t.columns.slice(0, 3)).toEqual(['ifIndex', 'ifDescr', 'ifType']);
    expect(t.rows.map((r) => r.values.ifDescr?.value)).toContain('lo');
    const x = await s.table('1.3.6.1.2.1.31.1.1', { columns: ['ifName', 'ifHCInOctets'] });
    expect(x.columns).toEqual(['ifName', 'ifHCInOctets']);
    expect(x.rows.every((r) => r.values.ifHCInOctets?.type === 'Counter64')).toBe(true);
  });
});
