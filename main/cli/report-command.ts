/**
 * `wardflux report KIND --from ISO --to ISO --format pdf|html|csv|json -o FILE [--site NAME]`:
 * generates a report from the local data directory and writes it to a file (or to stdout with
 * `-o -`, text formats only). The engine and the PDF renderer load only when it runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { ReportFormat, ReportGenerateInput, ReportKind } from '../api/reports.ts';
import { fieldIssues } from '../api/field-issues.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { resolveDataDir } from './data-dir.ts';
import { printJson } from './output.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO 8601 date or date-time ("2025-03-01", "2025-03-01T08:00Z"); a date alone is midnight UTC. */
export function parseIsoDate(flag: string, value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    throw new InvalidArgumentError(`"${value}" is not an ISO 8601 date; use e.g. 2025-03-01 or 2025-03-01T08:00Z (${flag})`);
  }
  const ms = Date.parse(value.trim().replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a valid date (${flag})`);
  return ms;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface ReportOptions {
  from?: number;
  to?: number;
  format?: string;
  output?: string;
  site?: string;
  device: string[];
  tag: string[];
  top?: string;
}

function formatOf(o: ReportOptions): string {
  if (o.format) return o.format;
  const ext = o.output && o.output !== '-' ? path.extname(o.output).slice(1).toLowerCase() : '';
  if (ext === 'htm') return 'html';
  return ReportFormat.options.includes(ext as ReportFormat) ? ext : 'html';
}

async function run(kindArg: string, o: ReportOptions, ctx: CliContext): Promise<void> {
  const kind = ReportKind.safeParse(kindArg);
  if (!kind.success) throw new ValidationError(`Unknown report kind "${kindArg}": use one of ${ReportKind.options.join(', ')}`);
  const format = formatOf(o);
  if (!ReportFormat.options.includes(format as ReportFormat)) throw new ValidationError(`Unknown format "${format}": use one of ${ReportFormat.options.join(', ')}`);
  if (o.output === '-' && format === 'pdf') throw new ValidationError('A PDF is binary: write it to a file with -o FILE.pdf (stdout takes html, csv and json)');
  const to = o.to ?? Date.now();
  const from = o.from ?? to - 7 * DAY_MS;
  // Without --data-dir the report comes from $WARD_DATA_DIR or the default dir: say which, so an
  // empty report from the wrong database is not a silent surprise.
  const dataDir = resolveDataDir(ctx.globals().dataDir);
  ctx.io.err(`Using data directory ${dataDir}`);
  await ctx.withEngine(async (engine) => {
    const all = await engine.api.call('devices.list', { limit: 1 }, { transport: 'cli' });
    if (all.ok && all.data.total === 0) ctx.io.err(`Warning: ${dataDir} holds no devices: is this the data directory you meant? (--data-dir)`);
    let siteId: string | undefined;
    if (o.site) {
      const sites = await engine.api.call('sites.list', {}, { transport: 'cli' });
      const site = sites.ok ? sites.data.find((s) => s.name.toLowerCase() === o.site!.toLowerCase() || s.id === o.site) : undefined;
      if (!site) throw new NotFoundError(`No site named "${o.site}"${sites.ok ? `; sites: ${sites.data.map((s) => s.name).join(', ')}` : ''}`);
      siteId = site.id;
    }
    const deviceIds: string[] = [];
    for (const ref of o.device) {
      const list = await engine.api.call('devices.list', { search: ref }, { transport: 'cli' });
      const match = list.ok ? list.data.items.find((d) => d.id === ref || d.name.toLowerCase() === ref.toLowerCase() || d.address === ref) : undefined;
      if (!match) throw new NotFoundError(`No device "${ref}" (give its name, address or id)`);
      deviceIds.push(match.id);
    }
    const parsed = ReportGenerateInput.safeParse({
      kind: kind.data,
      from,
      to,
      format,
      ...(siteId ? { siteId } : {}),
      ...(deviceIds.length ? { deviceIds } : {}),
      ...(o.tag.length ? { tags: o.tag } : {}),
      ...(o.top ? { topN: Number(o.top) } : {}),
    });
    if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error).map((i) => (i.path ? `--${i.path}: ${i.message}` : i.message)).join('; '));
    const id = engine.areas.reports.generate(parsed.data);
    const meta = await engine.areas.reports.wait(id);
    if (meta.status !== 'done') throw new AppError('internal', `The report failed: ${meta.error ?? 'unknown error'}`);
    const { data } = engine.areas.reports.content(id);
    if (o.output === '-') {
      // Text only (PDF was refused above); through the io like every other output.
      ctx.io.out(data.toString('utf8'));
      return;
    }
    const out = o.output ?? meta.filename;
    fs.writeFileSync(out, data);
    if (ctx.globals().json) printJson(ctx.io, { file: path.resolve(out), bytes: data.length, report: meta });
    else ctx.io.err(`Wrote ${meta.title.toLowerCase()} (${format}, ${data.length} bytes) to ${out}`);
  });
}

export const registerReportCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  program
    .command('report')
    .description(`generate a report: ${ReportKind.options.join(', ')}`)
    .argument('<kind>', `report kind: ${ReportKind.options.join(' | ')}`)
    .option('--from <iso>', 'start of the period, ISO 8601 (default: 7 days before --to)', (v) => parseIsoDate('--from', v))
    .option('--to <iso>', 'end of the period, ISO 8601 (default: now)', (v) => parseIsoDate('--to', v))
    .option('-f, --format <format>', `${ReportFormat.options.join(' | ')} (default: from the -o extension, else html)`)
    .option('-o, --output <file>', 'where to write it; - for stdout (text formats) (default: a name made from kind, site and dates)')
    .option('--site <name>', 'the site (default: the default site)')
    .option('--device <name|address|id>', 'only this device (repeatable)', collect, [])
    .option('--tag <tag>', 'only devices with this tag (repeatable)', collect, [])
    .option('--top <n>', 'interfaces report: how many interfaces to list (default 20)')
    .action((kind: string, o: ReportOptions) => run(kind, o, ctx));
};
