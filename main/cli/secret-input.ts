/**
 * Secrets for the command line from standard input or the environment. A secret given as an
 * argument (`-c COMMUNITY`, `-A PASS`) is in /proc/PID/cmdline, where `ps` shows it to every user
 * of the machine, and in the shell's history; standard input and the environment are not.
 */
import { ValidationError } from '../errors.ts';
import type { CliIo } from './output.ts';

/** Standard input, read once: each secret that asks for it takes the next line, in the order asked. */
export interface StdinSecrets {
  /** The next line (surrounding spaces dropped). */
  next(what: string): Promise<string>;
  /** Every remaining non-empty line (at least one), e.g. a list of communities. */
  rest(what: string): Promise<string[]>;
}

export function stdinSecrets(io: CliIo): StdinSecrets {
  let lines: Promise<string[]> | undefined;
  let used = 0;
  const read = async (what: string): Promise<string[]> => {
    const stdin = io.stdin ?? process.stdin;
    if (stdin.isTTY) throw new ValidationError(`Pipe the ${what} into standard input (e.g. from a password manager or a file only you can read).`);
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/);
  };
  return {
    async next(what) {
      lines ??= read(what);
      const all = await lines;
      const secret = all[used++]?.trim() ?? '';
      if (!secret) throw new ValidationError(`No ${what} on standard input${used > 1 ? ` (expected on line ${used}, one secret per line)` : ''}.`);
      return secret;
    },
    async rest(what) {
      lines ??= read(what);
      const all = (await lines).slice(used).map((l) => l.trim()).filter(Boolean);
      used = Infinity;
      if (!all.length) throw new ValidationError(`No ${what} on standard input.`);
      return all;
    },
  };
}

/** A secret option: its command-line flag, the flag that reads it from stdin, and its variable. */
export interface SecretSpec {
  what: string;
  flag: string;
  stdinFlag: string;
  env: string;
}

/** The help text of a secret option, saying how to keep it out of the process list. */
export function secretHelp(description: string, spec: SecretSpec): string {
  return `${description}; visible to other users in the process list: prefer ${spec.stdinFlag} or $${spec.env}`;
}

/** The help text of the flag that reads the secret from stdin. */
export function stdinHelp(spec: SecretSpec): string {
  return `read the ${spec.what} from standard input (one secret per line when several -stdin options are given)`;
}

/**
 * The secret from, in order: its flag, standard input (when its -stdin flag is given), the
 * environment variable. Undefined when none has it.
 */
export async function resolveSecret(spec: SecretSpec, given: { value?: string | undefined; stdin?: boolean | undefined }, stdin: StdinSecrets, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (given.value !== undefined && given.stdin) throw new ValidationError(`Use either ${spec.flag} or ${spec.stdinFlag}, not both.`);
  if (given.value !== undefined) return given.value;
  if (given.stdin) return stdin.next(spec.what);
  const fromEnv = env[spec.env];
  return fromEnv ? fromEnv : undefined;
}

/** The secrets of SNMP commands (`snmp`, `discover`): one variable each, shared by both. */
export const SNMP_SECRET_ENV = { community: 'WARD_SNMP_COMMUNITY', authPass: 'WARD_SNMP_AUTH_PASS', privPass: 'WARD_SNMP_PRIV_PASS' } as const;
