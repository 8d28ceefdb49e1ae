/**
 * `wardflux snmp ...` against a real snmpd: the same lines as Net-SNMP's snmpwalk/snmpbulkwalk
 * (`-m '' -On`, so neither side uses MIB display hints), JSON output, and exit codes.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { createLab, describeLab, type Lab } from '../index.ts';

const BIN = fileURLToPath(new URL('../../../bin/wardflux.mjs', import.meta.url));

function wardflux(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Values that move between two walks: sysUpTime and counters. */
function mask(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/^(\.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks: ).*$/, '$1*').replace(/(Counter(32|64): )\d+/, '$1*'));
}

describeLab('snmp: the wardflux snmp command', () => {
  let lab: Lab;
  let host: string;

  beforeAll(async () => {
    lab = await createLab({
      name: 'snmp-cli',
      probe: 'root',
      hosts: [{ name: 'agent', snmp: { sysName: 'cli-agent', users: [{ name: 'admin', level: 'authPriv', authProtocol: 'SHA-256', authKey: 'cli-auth-pass', privProtocol: 'AES-256', privKey: 'cli-priv-pass' }] } }],
    });
    host = lab.hosts.agent as string;
  });
  afterAll(() => lab?.destroy());

  it('walk prints what snmpwalk -On prints', async () => {
    const ours = await wardflux(['snmp', 'walk', '-v', '2c', '-c', 'public', host, 'system']);
    const theirs = await lab.execInProbe('snmpwalk', ['-m', '', '-On', '-v2c', '-c', 'public', host, '.1.3.6.1.2.1.1']);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(mask(ours.stdout)).toEqual(mask(theirs.stdout));
  });

  it('bulkwalk -Cr25 prints what snmpbulkwalk -Cr25 prints (ifTable, with hex strings)', async () => {
    const ours = await wardflux(['snmp', 'bulkwalk', '-v2c', '-c', 'public', '-Cr25', `${host}:161`, 'IF-MIB::ifTable']);
    const theirs = await lab.execInProbe('snmpbulkwalk', ['-m', '', '-On', '-v2c', '-c', 'public', '-Cr25', host, '.1.3.6.1.2.1.2.2']);
    expect(ours.code).toBe(0);
    expect(mask(ours.stdout)).toEqual(mask(theirs.stdout));
    expect(ours.stdout).toMatch(/\.1\.3\.6\.1\.2\.1\.2\.2\.1\.6\.\d+ = Hex-STRING: ([0-9A-F]{2} ){6}/);
  });

  it('get over v3 authPriv with Net-SNMP protocol spellings, and --json', async () => {
    const args = ['snmp', 'get', '-v3', '-l', 'authPriv', '-u', 'admin', '-a', 'SHA-256', '-A', 'cli-auth-pass', '-x', 'AES-256', '-X', 'cli-priv-pass', host, 'sysName', 'SNMPv2-MIB::sysServices.0'];
    const text = await wardflux(args);
    expect(text.stdout.trim().split('\n')).toEqual(['.1.3.6.1.2.1.1.5.0 = STRING: "cli-agent"', '.1.3.6.1.2.1.1.7.0 = INTEGER: 72']);
    const json = await wardflux(['--json', ...args]);
    expect(JSON.parse(json.stdout)).toEqual([
      { oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: 'cli-agent', format: 'text', hex: Buffer.from('cli-agent').toString('hex') },
      { oid: '1.3.6.1.2.1.1.7.0', type: 'Integer', value: 72 },
    ]);
  });

  it('v3 passphrases piped into standard input or from the environment, never on the command line', async () => {
    const args = ['snmp', 'get', '-v3', '-u', 'admin', '-a', 'SHA-256', '-x', 'AES-256', host, 'sysName'];
    const answer = '.1.3.6.1.2.1.1.5.0 = STRING: "cli-agent"\n';
    const piped = await runCli([...args, '--auth-pass-stdin', '--priv-pass-stdin'], process.env, { input: 'cli-auth-pass\ncli-priv-pass\n' });
    expect(piped).toEqual({ code: 0, stdout: answer, stderr: '' });
    const fromEnv = await runCli(args, { ...process.env, WARD_SNMP_AUTH_PASS: 'cli-auth-pass', WARD_SNMP_PRIV_PASS: 'cli-priv-pass' });
    expect(fromEnv).toEqual({ code: 0, stdout: answer, stderr: '' });
    // One line each, authentication first: swapped lines are the wrong passphrases.
    const swapped = await runCli([...args, '-t', '0.5', '-r', '0', '--auth-pass-stdin', '--priv-pass-stdin'], process.env, { input: 'cli-priv-pass\ncli-auth-pass\n' });
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toMatch(/wrong SNMPv3 authentication password/);
  });

  it('table prints rows by index', async () => {
    const r = await wardflux(['snmp', 'table', '-c', 'public', host, 'ifTable']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^index\s+ifIndex\s+ifDescr\s+ifType/);
    expect(r.stdout).toMatch(/\n1\s+1\s+lo\s+24/);
  });

  it('errors are one line with an exit code: 1 for a timeout, 2 for bad usage', async () => {
    const timeout = await wardflux(['snmp', 'get', '-c', 'wrong', '-t', '0.3', '-r', '0', host, 'sysDescr.0']);
    expect(timeout.code).toBe(1);
    expect(timeout.stderr.trim().split('\n')).toHaveLength(1);
    expect(timeout.stderr).toMatch(/timeout/);
    const auth = await wardflux(['snmp', 'get', '-v3', '-l', 'authNoPriv', '-u', 'admin', '-a', 'SHA-256', '-A', 'wrong-password', host, 'sysDescr.0']);
    expect(auth.code).toBe(1);
    expect(auth.stderr).toMatch(/wrong SNMPv3 authentication password/);
    const unknownOid = await wardflux(['snmp', 'get', host, 'noSuchMibName']);
    expect(unknownOid.code).toBe(2);
    expect(unknownOid.stderr).toMatch(/Unknown OID/);
    const aes192 = await wardflux(['snmp', 'get', '-v3', '-u', 'admin', '-l', 'authPriv', '-a', 'SHA', '-A', 'xxxxxxxx', '-x', 'AES-192', '-X', 'xxxxxxxx', host, 'sysDescr.0']);
    expect(aes192.code).toBe(2);
    expect(aes192.stderr).toMatch(/AES-192 is not supported/);
  });
});
