/**
 * `wardflux map -o FILE.svg|.png|.drawio|.dot [--theme light|dark] [--format F] [--scan JOB]`: the site map
 * from the data directory's stored L2 snapshots (the same layout and saved positions as the Map
 * page). SVG, DOT and draw.io are written by the engine (topology.export); PNG is the SVG
 * rendered by Chromium headless (main/topology/render-png.ts). `-o -` writes a text format to stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, ValidationError } from '../errors.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { printJson } from './output.ts';

const FORMATS = ['svg', 'png', 'drawio', 'dot'] as const;
type Format = (typeof FORMATS)[number];

interface MapOptions {
  output?: string;
  scan?: string;
  format?: string;
  theme: string;
}

export function mapFormatOf(o: Pick<MapOptions, 'output' | 'format'>): Format {
  const raw = (o.format ?? (o.output && o.output !== '-' ? path.extname(o.output).slice(1) : '')).toLowerCase();
  const f = raw === 'gv' ? 'dot' : raw === 'xml' ? 'drawio' : raw;
  if (!(FORMATS as readonly string[]).includes(f)) throw new ValidationError(`Give the map's file as -o FILE.svg, .png, .drawio or .dot (or --format ${FORMATS.join('|')})${raw ? `; "${raw}" is none of them` : ''}`);
  return f as Format;
}

async function run(o: MapOptions, ctx: CliContext): Promise<void> {
  if (!o.output) throw new ValidationError('Where to write the map: -o FILE.svg|.png|.drawio|.dot (- for stdout)');
  const format = mapFormatOf(o);
  if (o.theme !== 'light' && o.theme !== 'dark') throw new ValidationError(`--theme is light or dark, not "${o.theme}"`);
  if (o.output === '-' && format === 'png') throw new ValidationError('A PNG is binary: write it to a file with -o FILE.png');
  await ctx.withEngine(async (engine) => {
    const scan = o.scan ? { jobId: o.scan } : {};
    const t = await engine.api.call('topology.get', scan, { transport: 'cli' });
    if (!t.ok) throw new AppError(t.error.code, t.error.message);
    const file = await engine.api.call('topology.export', { format: format === 'png' ? 'svg' : format, theme: o.theme as 'light' | 'dark', ...scan }, { transport: 'cli' });
    if (!file.ok) throw new AppError(file.error.code, file.error.message);
    if (t.data.nodes.length === 0) ctx.io.err(o.scan ? 'Warning: that scan read no L2 tables (no switch or router answered SNMP): the map is empty' : 'Warning: no device has an L2 snapshot yet (discover the switches, or read one with l2.refresh): the map is empty');
    const data = format === 'png' ? await (await import('../topology/render-png.ts')).renderPng(file.data.text) : Buffer.from(file.data.text, 'utf8');
    if (o.output === '-') {
      ctx.io.out(file.data.text);
      return;
    }
    fs.writeFileSync(o.output!, data);
    const summary = { file: path.resolve(o.output!), format, bytes: data.length, nodes: t.data.nodes.length, links: t.data.links.length, notes: t.data.notes };
    if (ctx.globals().json) printJson(ctx.io, summary);
    else ctx.io.err(`Wrote the map (${format}, ${t.data.nodes.length} nodes, ${t.data.links.length} links, ${data.length} bytes) to ${o.output}`);
    for (const n of t.data.notes) ctx.io.err(`note: ${n}`);
  });
}

export const registerMapCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  program
    .command('map')
    .description('draw the site map from the stored L2 snapshots: SVG, PNG, draw.io or Graphviz DOT')
    .option('-o, --output <file>', 'FILE.svg | FILE.png | FILE.drawio | FILE.dot; - for stdout (text formats)')
    .option('-f, --format <format>', `${FORMATS.join(' | ')} (default: from the -o extension)`)
    .option('--theme <theme>', 'light | dark (SVG and PNG)', 'light')
    .option('--scan <job-id>', 'the map of a discovery scan (its hosts and the L2 tables it read) instead of the monitored devices')
    .action((o: MapOptions) => run(o, ctx));
};
