/**
 * Finding which of a device's credentials works: a GET of sysObjectID.0 with each, all at once
 * (a wrong community is silence, so trying them one after another would cost one timeout each),
 * and the first in list order that answered wins. A remembered credential is tried alone first.
 */
import type { AppError } from '../errors.ts';
import { credentialKey, type SnmpCredential } from './credentials.ts';
import { SnmpAuthError, SnmpError, SnmpTimeoutError } from './errors.ts';
import { OID } from './mib2.ts';
import type { RequestOptions, SnmpSession } from './session.ts';
import type { VarBind } from './varbind.ts';

export interface FindCredentialOptions extends RequestOptions {
  /** Key (see credentialKey) of the credential to try first, alone. */
  preferKey?: string;
}

export interface CredentialMatch {
  credential: SnmpCredential;
  /** Its position in the list given. */
  index: number;
  /** The sysObjectID.0 answer (an OID, or noSuchObject on odd agents). */
  sysObjectID: VarBind;
  /** A session with that credential, ready for more requests. */
  session: SnmpSession;
}

/** Rank of failures when none works: tell the user about auth before silence. */
function rank(err: AppError): number {
  if (err instanceof SnmpAuthError) return 3;
  if (err instanceof SnmpError) return 2;
  if (err instanceof SnmpTimeoutError) return 1;
  return 0;
}

async function attempt(open: (c: SnmpCredential) => Promise<SnmpSession>, c: SnmpCredential, options: RequestOptions): Promise<{ session: SnmpSession; vb: VarBind }> {
  const session = await open(c);
  const [vb] = await session.get([`${OID.sysObjectID}.0`], options);
  if (!vb) throw new SnmpError('bad_response', `${session.target}: empty answer to GET sysObjectID.0`);
  return { session, vb };
}

/** See file comment. `open` makes (or reuses) a session for a credential. */
export async function findWorkingCredential(
  open: (c: SnmpCredential) => Promise<SnmpSession>,
  credentials: SnmpCredential[],
  options: FindCredentialOptions = {},
): Promise<CredentialMatch> {
  if (credentials.length === 0) throw new SnmpError('unsupported', 'No SNMP credential to try for this device');
  const req: RequestOptions = {};
  if (options.timeoutMs !== undefined) req.timeoutMs = options.timeoutMs;
  if (options.retries !== undefined) req.retries = options.retries;
  const preferred = options.preferKey ? credentials.findIndex((c) => credentialKey(c) === options.preferKey) : -1;
  if (preferred >= 0) {
    const c = credentials[preferred] as SnmpCredential;
    try {
      const { session, vb } = await attempt(open, c, req);
      return { credential: c, index: preferred, sysObjectID: vb, session };
    } catch {
      // Credentials change on devices: fall through to trying them all.
    }
  }
  const results = await Promise.allSettled(credentials.map((c) => attempt(open, c, req)));
  let worst: AppError | undefined;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    if (r?.status === 'fulfilled') return { credential: credentials[i] as SnmpCredential, index: i, sysObjectID: r.value.vb, session: r.value.session };
    const err = r?.reason as AppError;
    if (!worst || rank(err) > rank(worst)) worst = err;
  }
  throw worst ?? new SnmpTimeoutError('No credential answered');
}
