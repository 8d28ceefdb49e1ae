#!/usr/bin/env node
/**
 * "Only main/devices/ touches the devices table": a grep-level check run by `npm run lint`.
 * Finds SQL that names `devices` as a table (FROM / JOIN / INTO / UPDATE / TABLE / REFERENCES
 * devices) in the engine's production code outside main/devices/ and the migrations
 * (main/store/migrations/, which create and alter it). Other areas reach devices through the
 * narrow interface main/devices/ gives them. Tests may seed the table directly.
 *
 * SQL keywords are matched in upper case (this codebase's SQL style), so prose such as "remove it
 * from devices" is not a hit; lower-case SQL is matched when an SQL word follows the table name.
 * Exit code 1 with file:line for every hit.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCAN = ['main', 'electron'];
const ALLOWED = [/^main\/devices\//, /^main\/store\/migrations\//];
const NOT_PRODUCTION = [/\.test\.tsx?$/, /\/testing\//];
const PATTERNS = [
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+["`]?devices\b(?!_)/g,
  /\b(?:from|join|into|update)\s+devices\b(?!_)(?=\s+(?:where|set|d|order|group|limit)\b)/g,
];

function* files(dir) {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* files(rel);
    } else if (/\.(c|m)?[jt]sx?$/.test(entry.name)) {
      yield rel;
    }
  }
}

const hits = [];
for (const dir of SCAN) {
  if (!fs.existsSync(path.join(ROOT, dir))) continue;
  for (const file of files(dir)) {
    if (ALLOWED.some((r) => r.test(file)) || NOT_PRODUCTION.some((r) => r.test(file))) continue;
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const line = text.slice(0, m.index).split('\n').length;
        hits.push(`${file}:${line}: ${m[0].replace(/\s+/g, ' ')}`);
      }
    }
  }
}

if (hits.length > 0) {
  process.stderr.write(`SQL on the devices table outside main/devices/ (use the devices area's interface instead):\n${hits.map((h) => `  ${h}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('devices table: only main/devices/ and the migrations touch it\n');
