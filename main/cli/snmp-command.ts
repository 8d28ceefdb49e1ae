/**
 * `wardflux snmp get|getnext|walk|bulkwalk|table TARGET[:PORT] OID...` in the Net-SNMP habit:
 * the same flags as snmpget/snmpwalk (-v -c -u -l -a -A -x -X -n -r -t -Cr), output like theirs
 * with `-On` (`.1.3.6.1.2.1.1.1.0 = STRING: "..."`), or JSON with --json. Needs no data directory.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ValidationError } from '../errors.ts';
import type * as SnmpModule from '../snmp/index.ts';
import type { SnmpCredential, SnmpSession, SnmpTable, VarBind } from '../snmp/index.ts';

/** The SNMP engine (net-snmp and friends), loaded only when an snmp command runs: keeps every other command fast to start. */
type SnmpLib = typeof SnmpModule;
const loadSnmp = (): Promise<SnmpLib> => import('../snmp/index.ts');
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { type CliIo, formatTable, printJson } from './output.ts';
import { resolveSecret, SNMP_SECRET_ENV, type SecretSpec, secretHelp, type StdinSecrets, stdinHelp, stdinSecrets } from './secret-input.ts';

export interface SnmpCliOptions {
  version: string;
  community?: string;
  communityStdin?: boolean;
  user?: string;
  level?: string;
  authProto?: string;
  authPass?: string;
  authPassStdin?: boolean;
  privProto?: string;
  privPass?: string;
  privPassStdin?: boolean;
  context?: string;
  retries: number;
  timeout: number;
  appOpts?: string[];
  maxRepetitions?: number;
  json?: boolean;
}

type Operation = 'get' | 'getnext' | 'walk' | 'bulkwalk' | 'table';

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number >= 0');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number of seconds > 0');
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const COMMUNITY: SecretSpec = { what: 'community', flag: '-c', stdinFlag: '--community-stdin', env: SNMP_SECRET_ENV.community };
const AUTH_PASS: SecretSpec = { what: 'authentication passphrase', flag: '-A', stdinFlag: '--auth-pass-stdin', env: SNMP_SECRET_ENV.authPass };
const PRIV_PASS: SecretSpec = { what: 'privacy passphrase', flag: '-X', stdinFlag: '--priv-pass-stdin', env: SNMP_SECRET_ENV.privPass };

const SECRETS_HELP = `
Secrets: -c, -A and -X are visible to every user of this machine (ps, /proc) and stay in the shell
history. Pipe them in instead (--community-stdin, --auth-pass-stdin, --priv-pass-stdin: one line
each, in that order), or set $${COMMUNITY.env}, $${AUTH_PASS.env}, $${PRIV_PASS.env}.
  printf '%s\\n' "$AUTH" "$PRIV" | wardflux snmp get -v3 -u admin --auth-pass-stdin --priv-pass-stdin HOST sysName`;

/**
 * The flags with their secrets filled in from -c/-A/-X, standard input or the environment. Only
 * the version's own secrets are read: the community for v1/v2c, the passphrases for v3.
 */
export async function withSecrets(o: SnmpCliOptions, stdin: StdinSecrets, env: NodeJS.ProcessEnv = process.env): Promise<SnmpCliOptions> {
  if (o.version.toLowerCase().replace(/^v/, '') === '3') {
    const authPass = await resolveSecret(AUTH_PASS, { value: o.authPass, stdin: o.authPassStdin }, stdin, env);
    const privPass = await resolveSecret(PRIV_PASS, { value: o.privPass, stdin: o.privPassStdin }, stdin, env);
    return { ...o, ...(authPass === undefined ? {} : { authPass }), ...(privPass === undefined ? {} : { privPass }) };
  }
  const community = await resolveSecret(COMMUNITY, { value: o.community, stdin: o.communityStdin }, stdin, env);
  return community === undefined ? o : { ...o, community };
}

/** Builds the credential the flags describe (Net-SNMP's rules: -u means v3 unless -v says otherwise). */
export function credentialFromFlags(o: SnmpCliOptions, { parseAuthProtocol, parsePrivProtocol, parseSecurityLevel }: SnmpLib): SnmpCredential {
  const version = o.version.toLowerCase().replace(/^v/, '');
  if (version === '1' || version === '2c' || version === '2') return { version: version === '1' ? '1' : '2c', community: o.community ?? 'public' };
  if (version !== '3') throw new ValidationError(`Unknown SNMP version "${o.version}": use 1, 2c or 3`);
  if (!o.user) throw new ValidationError('SNMPv3 needs a user name (-u)');
  const level = o.level ? parseSecurityLevel(o.level) : o.privPass ? 'authPriv' : o.authPass ? 'authNoPriv' : 'noAuthNoPriv';
  const c: SnmpCredential = { version: '3', username: o.user, securityLevel: level };
  if (level !== 'noAuthNoPriv') {
    if (!o.authPass) throw new ValidationError(`Security level ${level} needs an authentication passphrase (-A)`);
    c.authProtocol = o.authProto ? parseAuthProtocol(o.authProto) : 'md5';
    c.authKey = o.authPass;
  }
  if (level === 'authPriv') {
    if (!o.privPass) throw new ValidationError('Security level authPriv needs a privacy passphrase (-X)');
    c.privProtocol = o.privProto ? parsePrivProtocol(o.privProto) : 'des';
    c.privKey = o.privPass;
  }
  if (o.context) c.contextName = o.context;
  return c;
}

export function maxRepetitions(o: SnmpCliOptions): number {
  let n = o.maxRepetitions ?? 10;
  for (const a of o.appOpts ?? []) {
    const m = /^r(\d+)$/.exec(a);
    if (m) n = Number(m[1]);
    else if (!/^[cinp]/.test(a)) throw new ValidationError(`Unknown -C option "${a}": use -Cr<N> for max-repetitions`);
  }
  if (n < 1) throw new ValidationError('-Cr needs a max-repetitions of at least 1');
  return n;
}

function printTable(io: CliIo, table: SnmpTable): void {
  const rows = table.rows.map((r) => [r.index, ...table.columns.map((c) => display(r.values[c]))]);
  io.out(formatTable(['index', ...table.columns], rows));
}

function display(vb: VarBind | undefined): string {
  if (!vb) return '?';
  if (vb.value === null) return vb.type;
  return String(vb.value);
}

async function run(op: Operation, target: string, oidArgs: string[], o: SnmpCliOptions, ctx: CliContext): Promise<void> {
  const json = ctx.globals().json || o.json === true;
  const lib = await loadSnmp();
  const { createSnmpClient, formatVarBind, resolveOid, varBindToJson } = lib;
  const credential = credentialFromFlags(await withSecrets(o, stdinSecrets(ctx.io)), lib);
  const reps = maxRepetitions(o);
  const oids = oidArgs.map((a) => resolveOid(a, { scalarInstance: op === 'get' }));
  if (oids.length === 0 && op !== 'walk' && op !== 'bulkwalk') throw new ValidationError(`snmp ${op} needs at least one OID`);
  const client = createSnmpClient({ sockets: 1, defaults: { timeoutMs: Math.round(o.timeout * 1000), retries: o.retries, maxRepetitions: reps } });
  try {
    const session: SnmpSession = await client.session(target, credential);
    if (op === 'table') {
      const tables: SnmpTable[] = [];
      for (const oid of oids) tables.push(await session.table(oid));
      if (json) return printJson(ctx.io, tables.map((t) => ({ oid: t.oid, columns: t.columns, rows: t.rows.map((r) => ({ index: r.index, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, varBindToJson(v)])) })) })));
      tables.forEach((t) => printTable(ctx.io, t));
      return;
    }
    let vbs: VarBind[] = [];
    if (op === 'get') vbs = await session.get(oids);
    else if (op === 'getnext') vbs = await session.getNext(oids);
    else {
      // Like snmpwalk: no OID means MIB-2.
      for (const root of oids.length ? oids : ['1.3.6.1.2.1']) {
        const part = await session.walk(root, { useGetNext: op === 'walk' });
        // An empty subtree shows what the agent says about the OID itself, as snmpwalk does.
        vbs.push(...(part.length ? part : await session.get([root])));
      }
    }
    if (json) return printJson(ctx.io, vbs.map(varBindToJson));
    if (vbs.length) ctx.io.out(vbs.map(formatVarBind).join('\n'));
  } finally {
    client.close();
  }
}

/** The Net-SNMP flags (-v -c -u -l -a -A -x -X -n -r -t -Cr, --json) on a command; other commands that talk to an agent use them too. */
export function addSnmpFlags(command: Command): Command {
  return command
    .addOption(new Option('-v, --version <1|2c|3>', 'SNMP version').default('2c'))
    .option('-c, --community <community>', secretHelp('community (v1/v2c; default public)', COMMUNITY))
    .option(COMMUNITY.stdinFlag, stdinHelp(COMMUNITY))
    .option('-u, --user <name>', 'SNMPv3 security name')
    .option('-l, --level <level>', 'SNMPv3 security level: noAuthNoPriv, authNoPriv, authPriv')
    .option('-a, --auth-proto <proto>', 'SNMPv3 authentication: MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512')
    .option('-A, --auth-pass <pass>', secretHelp('SNMPv3 authentication passphrase', AUTH_PASS))
    .option(AUTH_PASS.stdinFlag, stdinHelp(AUTH_PASS))
    .option('-x, --priv-proto <proto>', 'SNMPv3 privacy: DES, AES, AES-256, AES-256-C (Cisco/Reeder)')
    .option('-X, --priv-pass <pass>', secretHelp('SNMPv3 privacy passphrase', PRIV_PASS))
    .option(PRIV_PASS.stdinFlag, stdinHelp(PRIV_PASS))
    .option('-n, --context <name>', 'SNMPv3 context name')
    .option('-r, --retries <n>', 'retries', nonNegativeInt, 5)
    .option('-t, --timeout <seconds>', 'timeout per try, seconds', seconds, 1)
    .option('-C, --app-opts <opts>', 'application options: r<N> sets GETBULK max-repetitions (-Cr25)', collect)
    .option('--max-repetitions <n>', 'GETBULK max-repetitions (same as -Cr)', nonNegativeInt)
    .option('--json', 'machine-readable JSON output')
    .addHelpText('after', SECRETS_HELP);
}

/** Registers `wardflux snmp ...`. */
export const registerSnmpCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  const snmp = program.command('snmp').description('query SNMP agents (Net-SNMP style flags and output)');
  const ops: [Operation, string][] = [
    ['get', 'GET the given OIDs (scalar names get .0 added)'],
    ['getnext', 'GETNEXT the given OIDs'],
    ['walk', 'walk subtrees with GETNEXT (like snmpwalk)'],
    ['bulkwalk', 'walk subtrees with GETBULK (like snmpbulkwalk; v2c/v3)'],
    ['table', 'read conceptual tables (ifTable, hrStorageTable, ...) as rows'],
  ];
  for (const [op, description] of ops) {
    addSnmpFlags(
      snmp
        .command(op)
        .description(description)
        .argument('<target>', 'agent address or host name, optionally :port (udp:host:port, [v6]:port)')
        .argument(op === 'walk' || op === 'bulkwalk' ? '[oid...]' : '<oid...>', 'numeric OIDs or MIB-II names (sysDescr, IF-MIB::ifDescr, ifTable)'),
    ).action((target: string, oids: string[], o: SnmpCliOptions) => run(op, target, oids, o, ctx));
  }
};
