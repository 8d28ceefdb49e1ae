/**
 * CLI for the probe namespace: `node net-snmp-get.ts ADDRESS COMMUNITY OID...` GETs the OIDs with
 * the npm net-snmp package (v2c) and prints `{"ok":true,"values":{oid:value}}` or
 * `{"ok":false,"error":"..."}` as one JSON line. Lab tests run it with `lab.execInProbe`.
 */
import { snmpGet } from './net-snmp-client.ts';

const [address, community, ...oids] = process.argv.slice(2);
if (!address || !community || oids.length === 0) {
  process.stderr.write('usage: net-snmp-get.ts ADDRESS COMMUNITY OID...\n');
  process.exit(2);
}
try {
  const values = await snmpGet(address, community, oids);
  process.stdout.write(`${JSON.stringify({ ok: true, values })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: (e as Error).message })}\n`);
  process.exitCode = 1;
}
