/**
 * Secrets on the command line: every one can come from standard input or the environment instead
 * of argv (where `ps` shows it), and --help says so. In process, through runCli(argv, io), against
 * the fake SNMP agent on 127.0.0.1 (which records the community it was asked with).
 */
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tlv } from '../snmp/testing/ber.ts';
import { type FakeAgent, startFakeAgent } from '../snmp/testing/fake-agent.ts';
import { withSecrets as discoverSecrets } from './discover-command.ts';
import { runCli } from './index.ts';
import type { CliIo } from './output.ts';
import { stdinSecrets } from './secret-input.ts';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0'; // SNMPv2-MIB::sysDescr.0

function io(input?: string): CliIo & { stdout: string; stderr: string } {
  const r = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (r.stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t: string) => void (r.stderr += t.endsWith('\n') ? t : `${t}\n`),
    ...(input === undefined ? {} : { stdin: Readable.from([input]) }),
  };
  return r;
}

const tty = (): CliIo => ({ out: () => undefined, err: () => undefined, stdin: Object.assign(Readable.from([]), { isTTY: true }) });

describe('CLI secrets from standard input and the environment', () => {
  let agent: FakeAgent;
  const target = () => `127.0.0.1:${agent.port}`;
  const get = (...extra: string[]) => ['snmp', 'get', '-t', '0.3', '-r', '0', ...extra, target(), 'sysDescr.0'];

  beforeAll(async () => {
    agent = await startFakeAgent(new Map([[SYS_DESCR, tlv(0x04, Buffer.from('Fake agent'))]]), 's3cret-community');
  });
  afterAll(() => agent.close());
  afterEach(() => {
    vi.unstubAllEnvs();
    agent.requests.length = 0;
  });

  it('snmp get --community-stdin reads the community from standard input', async () => {
    const run = io('s3cret-community\n');
    expect(await runCli(get('--community-stdin'), run)).toBe(0);
    expect(run.stdout).toBe('.1.3.6.1.2.1.1.1.0 = STRING: "Fake agent"\n');
    expect(agent.requests.map((r) => r.community)).toEqual(['s3cret-community']);
  });

  it('snmp get takes $WARD_SNMP_COMMUNITY when no -c is given; -c still wins', async () => {
    vi.stubEnv('WARD_SNMP_COMMUNITY', 's3cret-community');
    const run = io();
    expect(await runCli(get(), run)).toBe(0);
    expect(run.stdout).toContain('"Fake agent"');
    const wrong = io();
    expect(await runCli(get('-c', 'other'), wrong)).toBe(1);
    expect(agent.requests.map((r) => r.community)).toEqual(['s3cret-community', 'other']);
  });

  it('refuses -c with --community-stdin, an empty standard input, and a terminal', async () => {
    const both = io('x\n');
    expect(await runCli(get('-c', 'x', '--community-stdin'), both)).toBe(2);
    expect(both.stderr).toBe('wardflux: Use either -c or --community-stdin, not both.\n');
    const empty = io('');
    expect(await runCli(get('--community-stdin'), empty)).toBe(2);
    expect(empty.stderr).toBe('wardflux: No community on standard input.\n');
    const t = tty();
    let err = '';
    t.err = (s) => void (err += s);
    expect(await runCli(get('--community-stdin'), t)).toBe(2);
    expect(err).toMatch(/^wardflux: Pipe the community into standard input/);
    expect(agent.requests).toEqual([]);
  });

  it('--help of snmp and discover names the safe way for every secret option', async () => {
    for (const argv of [['snmp', 'get', '--help'], ['snmp', 'walk', '--help'], ['discover', '--help']]) {
      const run = io();
      expect(await runCli(argv, run)).toBe(0);
      // commander wraps long help lines: compare the words.
      const help = run.stdout.replace(/\s+/g, ' ');
      const secrets =
        argv[0] === 'snmp'
          ? [['-c, --community', 'community-stdin', 'WARD_SNMP_COMMUNITY'], ['-A, --auth-pass', 'auth-pass-stdin', 'WARD_SNMP_AUTH_PASS'], ['-X, --priv-pass', 'priv-pass-stdin', 'WARD_SNMP_PRIV_PASS']]
          : [['-c, --community', 'community-stdin', 'WARD_SNMP_COMMUNITY'], ['--v3-auth-pass <pass>', 'v3-auth-pass-stdin', 'WARD_SNMP_AUTH_PASS'], ['--v3-priv-pass <pass>', 'v3-priv-pass-stdin', 'WARD_SNMP_PRIV_PASS']];
      for (const [flag, stdinFlag, env] of secrets) {
        const at = help.indexOf(flag!);
        expect(at, `${argv.join(' ')}: ${flag}`).toBeGreaterThan(-1);
        expect(help.slice(at, at + 400)).toContain(`visible to other users in the process list: prefer --${stdinFlag} or $${env}`);
        expect(help).toMatch(new RegExp(`--${stdinFlag} +read `));
      }
    }
  });

  it('discover: v3 passphrases from standard input first, then every remaining line is a community', async () => {
    const base = { community: ['public'], credential: [], exclude: [], dns: true };
    const o = await discoverSecrets({ ...base, v3User: 'admin', v3AuthPassStdin: true, v3PrivPassStdin: true, communityStdin: true }, stdinSecrets(io('auth-pp\npriv-pp\nprivate\n\ncustomer-ro\n')), {});
    expect(o).toMatchObject({ v3AuthPass: 'auth-pp', v3PrivPass: 'priv-pp', community: ['public', 'private', 'customer-ro'] });
    // The environment: a community only when none is given; passphrases only with --v3-user.
    const env = { WARD_SNMP_COMMUNITY: 'env-community', WARD_SNMP_AUTH_PASS: 'env-auth', WARD_SNMP_PRIV_PASS: 'env-priv' };
    expect(await discoverSecrets({ ...base, community: [] }, stdinSecrets(io()), env)).toEqual({ ...base, community: ['env-community'] });
    expect(await discoverSecrets({ ...base, v3User: 'admin' }, stdinSecrets(io()), env)).toEqual({ ...base, v3User: 'admin', v3AuthPass: 'env-auth', v3PrivPass: 'env-priv' });
    await expect(discoverSecrets({ ...base, v3AuthPassStdin: true }, stdinSecrets(io('x\n')), {})).rejects.toThrow('--v3-* options need --v3-user');
    await expect(discoverSecrets({ ...base, v3User: 'a', v3AuthPassStdin: true, v3PrivPassStdin: true }, stdinSecrets(io('only-one\n')), {})).rejects.toThrow(
      'No SNMPv3 privacy passphrase on standard input (expected on line 2, one secret per line).',
    );
  });
});
