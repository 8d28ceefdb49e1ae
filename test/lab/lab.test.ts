/**
 * Proves the lab: real snmpd agents answer net-snmp and the Net-SNMP tools from the probe side
 * (namespace and root), fping sees live and dead hosts, the ICMP responder's impairment is
 * measurable, and destroy() leaves nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { snmpGet } from './net-snmp-client.ts';
import { rawPing } from './raw-ping.ts';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0'; // SNMPv2-MIB::sysDescr.0
const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0
const GET_SCRIPT = fileURLToPath(new URL('./net-snmp-get.ts', import.meta.url));

const V3_ADMIN = { name: 'admin', level: 'authPriv', authProtocol: 'SHA', authKey: 'lab-auth-secret', privProtocol: 'AES', privKey: 'lab-priv-secret' } as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function netnsNames(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter(Boolean);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeLab('lab: namespaces, real agents, impairment', () => {
  let lab: Lab;
  let rootLab: Lab;

  beforeAll(async () => {
    // Two labs at once: they must coexist (own names, own /24s).
    [lab, rootLab] = await Promise.all([
      createLab({
        name: 'selftest',
        hosts: [
          { name: 'core', snmp: { sysDescr: 'Cisco IOS Software, C2960 (lab)', sysObjectID: '1.3.6.1.4.1.9.1.716', sysName: 'core-sw1', users: [V3_ADMIN] } },
          { name: 'edge', snmp: { sysDescr: 'Linux edge-gw 6.1.0 x86_64', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysName: 'edge-gw', communities: ['edge-ro'] } },
          { name: 'printer' },
        ],
        localRange: '198.19.0.0/16',
        dropAddresses: ['198.19.1.3', '198.19.1.7'],
      }),
      createLab({
        name: 'selftest-root',
        probe: 'root',
        hosts: [{ name: 'ap', snmp: { sysDescr: 'Ubiquiti UniFi AP', sysObjectID: '1.3.6.1.4.1.41112', sysName: 'ap-lobby' } }],
      }),
    ]);
  });

  afterAll(async () => {
    await lab?.destroy();
    await rootLab?.destroy();
  });

  it('(a) net-snmp in the probe namespace reads sysDescr from a lab snmpd', async () => {
    const r = await lab.execInProbe(process.execPath, ['--no-warnings', GET_SCRIPT, lab.hosts.core!, 'public', SYS_DESCR]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, values: { [SYS_DESCR]: 'Cisco IOS Software, C2960 (lab)' } });
    const edge = await lab.execInProbe(process.execPath, ['--no-warnings', GET_SCRIPT, lab.hosts.edge!, 'edge-ro', SYS_DESCR, SYS_NAME]);
    expect(JSON.parse(edge.stdout)).toEqual({ ok: true, values: { [SYS_DESCR]: 'Linux edge-gw 6.1.0 x86_64', [SYS_NAME]: 'edge-gw' } });
  });

  it('(b) in root-probe mode the test process reads sysName in-process', async () => {
    expect(rootLab.probeNamespace).toBeNull();
    expect(await snmpGet(rootLab.hosts.ap!, 'public', [SYS_NAME])).toEqual({ [SYS_NAME]: 'ap-lobby' });
    // The root namespace got the connected lab route and nothing else.
    const routes = execFileSync('ip', ['-4', 'route', 'show', 'dev', `wfl${rootLab.subnet}p`], { encoding: 'utf8' }).trim().split('\n');
    expect(routes).toEqual([expect.stringMatching(new RegExp(`^${rootLab.prefix.replace(/\./g, '\\.')} `))]);
  });

  it('(c) snmpget v3 authPriv SHA/AES works; a wrong community times out', async () => {
    const v3 = await lab.execInProbe('snmpget', ['-v3', '-l', 'authPriv', '-u', 'admin', '-a', 'SHA', '-A', 'lab-auth-secret', '-x', 'AES', '-X', 'lab-priv-secret', '-On', '-Oqv', lab.hosts.core!, SYS_NAME]);
    expect(v3.code, v3.stderr).toBe(0);
    expect(v3.stdout.trim()).toBe('"core-sw1"');
    const wrong = await lab.execInProbe('snmpget', ['-v2c', '-c', 'not-the-community', '-t', '0.5', '-r', '0', '-On', lab.hosts.core!, SYS_NAME]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Timeout/);
  });

  it('(d) fping from the probe namespace: three hosts alive, an empty address dead', async () => {
    const empty = `198.18.${lab.subnet}.99`;
    const hosts = [lab.hosts.core!, lab.hosts.edge!, lab.hosts.printer!];
    const r = await lab.execInProbe('fping', ['-a', '-r', '1', '-t', '300', ...hosts, empty]);
    expect(r.stdout.trim().split('\n').sort()).toEqual([...hosts].sort());
    expect(r.code).toBe(1); // fping: some host unreachable
  });

  it('(e) 20% loss and 30 ms delay are measurable with fping', async () => {
    await lab.impair('printer', { lossPct: 20, delayMs: 30 });
    const r = await lab.execInProbe('fping', ['-c', '100', '-p', '20', '-t', '500', lab.hosts.printer!], { timeoutMs: 20_000 });
    const rtts = [...r.stdout.matchAll(/, ([\d.]+) ms \(/g)].map((m) => Number(m[1]));
    const summary = /xmt\/rcv\/%loss = (\d+)\/(\d+)\/(\d+)%, min\/avg\/max = ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(r.stderr);
    expect(summary, r.stderr).not.toBeNull();
    const loss = Number(summary![3]);
    const avg = Number(summary![5]);
    console.info(`lab impairment (configured 20% loss, 30 ms): measured loss ${loss}%, median ${median(rtts).toFixed(1)} ms, avg ${avg} ms, min ${summary![4]} max ${summary![6]}`);
    expect(loss).toBeGreaterThanOrEqual(10);
    expect(loss).toBeLessThanOrEqual(30);
    expect(Math.abs(median(rtts) - 30)).toBeLessThanOrEqual(5);
    expect(Math.abs(avg - 30)).toBeLessThanOrEqual(5);
    // A raw-socket pinger that verifies checksums accepts the responder's (delayed) replies.
    await rootLab.impair('ap', { delayMs: 10 });
    const raw = await rawPing(rootLab.hosts.ap!);
    expect(raw.badChecksums).toBe(0);
    expect(raw.rttMs).toBeGreaterThanOrEqual(9);
    // Unimpaired hosts are still answered promptly by the responder.
    const fast = await lab.execInProbe('fping', ['-c', '5', '-p', '20', '-q', lab.hosts.core!]);
    expect(fast.stderr).toMatch(/5\/5\/0%/);
  });

  it('(g) big range: the lab answers a whole prefix except the dropped addresses', async () => {
    const r = await lab.execInProbe('fping', ['-a', '-q', '-r', '0', '-t', '200', '-g', '198.19.1.0/29']);
    expect(r.stdout.trim().split('\n')).toEqual(['198.19.1.1', '198.19.1.2', '198.19.1.4', '198.19.1.5', '198.19.1.6']);
  });

  it('(h) faults: host down/up, SNMP blocked, agent stopped/started', async () => {
    const alive = async (a: string): Promise<boolean> => (await lab.execInProbe('fping', ['-r', '0', '-t', '200', a])).code === 0;
    const snmpOk = async (): Promise<boolean> =>
      (await lab.execInProbe('snmpget', ['-v2c', '-c', 'edge-ro', '-t', '0.3', '-r', '0', '-On', lab.hosts.edge!, SYS_NAME])).code === 0;
    await lab.hostDown('edge');
    expect([await alive(lab.hosts.edge!), await snmpOk()]).toEqual([false, false]);
    await lab.hostUp('edge');
    expect([await alive(lab.hosts.edge!), await snmpOk()]).toEqual([true, true]);
    await lab.blockSnmp('edge');
    expect([await alive(lab.hosts.edge!), await snmpOk()]).toEqual([true, false]);
    await lab.unblockSnmp('edge');
    await lab.stopAgent('edge');
    expect(await snmpOk()).toBe(false);
    await lab.startAgent('edge');
    expect(await snmpOk()).toBe(true);
  });

  it('(f) destroy() removes namespaces and daemons, and is safe twice', async () => {
    const pids = [...lab.daemonPids(), ...rootLab.daemonPids()];
    expect(pids.length).toBeGreaterThanOrEqual(5); // 3 snmpd, a restarted one, a responder
    const names = [lab.labNamespace, lab.probeNamespace!, rootLab.labNamespace];
    expect(netnsNames()).toEqual(expect.arrayContaining(names));
    await lab.destroy();
    await rootLab.destroy();
    await lab.destroy();
    const left = netnsNames();
    for (const n of names) expect(left).not.toContain(n);
    expect(pids.filter(pidAlive)).toEqual([]);
    expect(execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' })).not.toContain(`wfl${rootLab.subnet}p`);
  });
});
