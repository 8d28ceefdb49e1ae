/**
 * Regenerates resources/enterprises/enterprises.json from the IANA Private Enterprise Numbers
 * registry as the Debian package `libwireshark-data` installs it (scripts/install-system-deps.sh
 * installs it):
 *   node scripts/generate-enterprises.ts
 * Commit the result. main/discovery/enterprise-registry.test.ts fails when the committed file and
 * the installed package disagree (after an update of libwireshark-data, run this script), and
 * fails, saying so, when the package is not installed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEnterpriseTable, serializeEnterpriseTable } from '../main/discovery/enterprise-table.ts';

export const ENTERPRISES_TSV = '/usr/share/wireshark/enterprises.tsv';
export const ENTERPRISES_FILE = fileURLToPath(new URL('../resources/enterprises/enterprises.json', import.meta.url));

/** The installed registry file's text, or an error that says which package to install. */
export function loadEnterprisesTsv(): { tsv: string; file: string } {
  if (!existsSync(ENTERPRISES_TSV)) {
    throw new Error(`${ENTERPRISES_TSV} is missing: install the Debian package libwireshark-data (scripts/install-system-deps.sh does)`);
  }
  return { tsv: readFileSync(ENTERPRISES_TSV, 'utf8'), file: 'libwireshark-data enterprises.tsv' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { tsv, file } = loadEnterprisesTsv();
  const table = buildEnterpriseTable(tsv, file);
  const text = serializeEnterpriseTable(table);
  mkdirSync(dirname(ENTERPRISES_FILE), { recursive: true });
  writeFileSync(ENTERPRISES_FILE, text);
  process.stdout.write(`wrote ${ENTERPRISES_FILE} (${table.count} enterprises, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)\n`);
}
