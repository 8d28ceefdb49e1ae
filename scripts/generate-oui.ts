/**
 * Regenerates resources/oui/oui.json from the installed `oui-data` package:
 *   node scripts/generate-oui.ts
 * Commit the result. main/discovery/oui.test.ts fails when the committed file and the installed
 * package disagree (after an update of oui-data, run this script).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOuiTable, serializeOuiTable } from '../main/discovery/oui-table.ts';

const require = createRequire(import.meta.url);

/** The installed oui-data: its registry and its name@version. */
export function loadOuiData(): { data: Record<string, string>; source: string } {
  // oui-data exports only its index.json; its package.json sits beside it.
  const index = require.resolve('oui-data');
  const pkg = JSON.parse(readFileSync(join(dirname(index), 'package.json'), 'utf8')) as { version: string };
  const data = JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>;
  return { data, source: `oui-data ${pkg.version} (IEEE MA-L, MA-M, MA-S registries)` };
}

export const OUI_FILE = fileURLToPath(new URL('../resources/oui/oui.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { data, source } = loadOuiData();
  const text = serializeOuiTable(buildOuiTable(data, source));
  mkdirSync(dirname(OUI_FILE), { recursive: true });
  writeFileSync(OUI_FILE, text);
  process.stdout.write(`wrote ${OUI_FILE} (${(text.length / 1024).toFixed(0)} KiB)\n`);
}
