/**
 * A minimal typed wrapper over the npm `net-snmp` package (which ships no types), so lab tests can
 * read values with the same library the engine uses, in-process or in the probe namespace.
 */
import { createRequire } from 'node:module';

interface Varbind {
  oid: string;
  type: number;
  value: unknown;
}
interface Session {
  get(oids: string[], cb: (err: Error | null, varbinds: Varbind[]) => void): void;
  close(): void;
  on(event: 'error', cb: (err: Error) => void): void;
}
interface NetSnmp {
  Version1: number;
  Version2c: number;
  createSession(target: string, community: string, options: { version: number; timeout: number; retries: number }): Session;
  isVarbindError(vb: Varbind): boolean;
  varbindError(vb: Varbind): string;
}

const snmp = createRequire(import.meta.url)('net-snmp') as NetSnmp;

/** Options for {@link snmpGet}. */
export interface SnmpGetOptions {
  version?: '1' | '2c';
  timeoutMs?: number;
  retries?: number;
}

/** GETs `oids` with a community; OctetStrings come back as strings, numbers as numbers. */
export function snmpGet(address: string, community: string, oids: string[], options: SnmpGetOptions = {}): Promise<Record<string, string | number>> {
  const session = snmp.createSession(address, community, {
    version: options.version === '1' ? snmp.Version1 : snmp.Version2c,
    timeout: options.timeoutMs ?? 1_000,
    retries: options.retries ?? 1,
  });
  return new Promise((resolve, reject) => {
    session.on('error', reject);
    session.get(oids, (err, varbinds) => {
      session.close();
      if (err) return reject(err);
      const out: Record<string, string | number> = {};
      for (const vb of varbinds) {
        if (snmp.isVarbindError(vb)) return reject(new Error(snmp.varbindError(vb)));
        out[vb.oid] = Buffer.isBuffer(vb.value) ? vb.value.toString('utf8') : (vb.value as number);
      }
      resolve(out);
    });
  });
}
