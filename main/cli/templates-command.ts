/**
 * `wardflux templates list [--json]`, `wardflux templates import FILE [--name N] [--dry-run]
 * [--json]` (a Zabbix YAML/XML export: what was imported and, with the reason, what was not) and
 * `wardflux templates poll TEMPLATE TARGET [-c COMMUNITY | --v3-user ... | --credential NAME]
 * [--json]`: one template polled once against one device with the poller itself, every value with
 * its unit or why it has none. SNMP options are discover's; secrets given here are used for this
 * run only and never stored.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImportReport, TemplateTestResult } from '../api/template-import.ts';
import { AppError, NotFoundError, TimeoutError, ValidationError } from '../errors.ts';
import type { SnmpCredential } from '../snmp/credentials.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { addCredentialFlags, adHocCredentials, type DiscoverOptions, withSecrets } from './discover-command.ts';
import { type CliIo, formatTable, printJson } from './output.ts';
import { stdinSecrets } from './secret-input.ts';

/** The import report as a person reads it: per template what became of it, then every line not mapped. */
export function printImportReport(io: CliIo, report: ImportReport, dryRun: boolean): void {
  io.out(`Zabbix ${report.zabbixVersion} export (${report.format.toUpperCase()}), ${report.templates.length} template(s)`);
  for (const t of report.templates) {
    const c = t.counts;
    const what = `${c.items} items, ${c.tables} tables (${c.columns} columns), ${c.alerts} alert rules`;
    if (t.stored) io.out(`\nImported "${t.zabbixName}" as ${t.templateId} ("${t.name}"): ${what}`);
    else if (t.error) io.out(`\nNOT imported "${t.zabbixName}": ${t.error}\n  would have had ${what}`);
    else io.out(`\n${dryRun ? 'Would import' : 'Mapped'} "${t.zabbixName}" as ${t.templateId}: ${what}`);
    if (t.mapped.length) io.out(formatTable(['KIND', 'ZABBIX KEY', 'KEY', 'UNIT', 'NAME'], t.mapped.map((m) => [m.kind, m.zabbixKey, m.key, m.unit ?? '', m.name])));
    if (t.alerts.length) io.out(`Alert rules:\n${formatTable(['SEVERITY', 'NAME', 'CONDITION'], t.alerts.map((a) => [a.severity, a.name, conditionText(a.condition)]))}`);
    io.out(t.notMapped.length ? `Not mapped (${t.notMapped.length}):\n${formatTable(['KIND', 'NAME', 'REASON'], t.notMapped.map((n) => [n.kind, n.name, n.reason]))}` : 'Not mapped: nothing');
    if (t.notes.length) io.out(`Adapted (${t.notes.length}):\n${formatTable(['NAME', 'NOTE'], t.notes.map((n) => [n.name, n.note]))}`);
  }
}

function conditionText(c: ImportReport['templates'][number]['alerts'][number]['condition']): string {
  if (c.kind === 'state') return `${c.metric} ${c.op === 'in' ? 'in' : 'not in'} ${c.values.join(', ')}${c.forSec ? ` for ${c.forSec} s` : ''}`;
  if (c.kind !== 'threshold' && c.kind !== 'rate') return c.kind;
  return `${c.metric} ${c.op} ${c.value}${c.forSec ? ` for ${c.forSec} s` : ''}`;
}

function valueText(v: TemplateTestResult['values'][number]): string {
  if (v.value !== null) return `${Number.isInteger(v.value) ? v.value : Number(v.value.toPrecision(6))}${v.unit ? ` ${v.unit}` : ''}${v.state ? ` (${v.state})` : ''}`;
  if (v.text !== undefined) return JSON.stringify(v.text);
  return '-';
}

export function printTestResult(io: CliIo, r: TemplateTestResult): void {
  io.out(formatTable(['KEY', 'ROW', 'VALUE', 'WHY NONE', 'NAME'], r.values.map((v) => [v.table ? `${v.table}.${v.key}` : v.key, v.row ?? '', valueText(v), v.reason ?? '', v.name])));
  const withValue = r.values.filter((v) => v.value !== null || v.text !== undefined).length;
  io.err(`${r.status}: ${withValue} of ${r.values.length} values in ${r.durationMs} ms${r.message ? ` (${r.message})` : ''}`);
}

/** Registers `wardflux templates`. */
export const registerTemplatesCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  const templates = program.command('templates').description('monitoring templates: list, import Zabbix templates, test one against a device');
  const json = (o: { json?: boolean }) => ctx.globals().json || o.json === true;

  templates
    .command('list')
    .description('list the built-in and user templates')
    .option('--json', 'machine-readable JSON output')
    .action((o: { json?: boolean }) =>
      ctx.withEngine(async (e) => {
        const r = await e.api.call('templates.list', {});
        if (!r.ok) throw new ValidationError(r.error.message);
        if (json(o)) return printJson(ctx.io, r.data);
        ctx.io.out(formatTable(['ID', 'NAME', 'VENDOR', 'ITEMS', 'TABLES', 'ALERTS', 'BUILT-IN', 'DEVICES'], r.data.map((t) => [t.id, t.name, t.vendor ?? '', String(t.itemCount), String(t.tableCount), String(t.alertCount), t.builtIn ? 'yes' : 'no', String(t.deviceCount)])));
      }),
    );

  templates
    .command('import')
    .description('import the templates of a Zabbix export (YAML or XML, Zabbix 6.0 or later): prints what was imported and what was not')
    .argument('<file>', 'the export (.yaml, .yml or .xml)')
    .option('--name <name>', 'a name for the imported template (an export of one template)')
    .option('--dry-run', 'map and report, store nothing')
    .option('--json', 'the report as JSON')
    .action(async (file: string, o: { name?: string; dryRun?: boolean; json?: boolean }) => {
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (err) {
        throw new NotFoundError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      await ctx.withEngine(async (e) => {
        const r = await e.api.call('templates.import', { content, dryRun: o.dryRun === true, ...(o.name !== undefined ? { name: o.name } : {}) });
        if (!r.ok) throw new ValidationError(r.error.message, r.error.issues);
        if (json(o)) printJson(ctx.io, r.data);
        else printImportReport(ctx.io, r.data, o.dryRun === true);
        const failed = r.data.templates.filter((t) => t.error);
        if (failed.length) throw new ValidationError(failed.map((t) => `"${t.zabbixName}" not imported: ${t.error}`).join('; '));
      });
    });

  addCredentialFlags(
    templates
      .command('poll')
      .description('poll one template once against one device: every value with its unit, or why it has none')
      .argument('<template>', 'template id or name')
      .argument('<target>', 'address or host name[:port]'),
  )
    .option('--rate-wait <ms>', 'wait between the two readings of a template with counters (default 2000)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 60_000) throw new ValidationError('--rate-wait is 0-60000 ms');
      return n;
    })
    .option('--json', 'the result as JSON')
    .action(async (ref: string, target: string, o: DiscoverOptions & { credential: string[]; rateWait?: number }) => {
      const adHoc = await adHocCredentials(await withSecrets(o, stdinSecrets(ctx.io)));
      await ctx.withEngine(async (e) => {
        const list = e.areas.templates.list();
        const hit = list.find((t) => t.id === ref) ?? list.find((t) => t.name.toLowerCase() === ref.toLowerCase());
        if (!hit) throw new NotFoundError(`No template "${ref}" (see wardflux templates list)`);
        const stored = await e.api.call('credentials.list', undefined);
        const storedCreds = o.credential.map((c) => {
          const found = stored.ok ? stored.data.find((s) => s.id === c || s.name.toLowerCase() === c.toLowerCase()) : undefined;
          if (!found) throw new ValidationError(`No stored SNMP credential "${c}" (see the Credentials page, or use -c for a community)`);
          return e.areas.credentials.resolve(found.id) as SnmpCredential & { id: string };
        });
        const credentials = [...adHoc.map((c, i) => ({ ...c, id: `cli-${i}` })), ...storedCreds];
        if (!credentials.length) throw new ValidationError('Give a credential: -c COMMUNITY, --v3-user ..., or --credential NAME');
        const [{ probeTemplate }, { createSnmpClient }] = await Promise.all([import('../monitoring/template-probe.ts'), import('../snmp/client.ts')]);
        const client = createSnmpClient({ logger: e.logger });
        try {
          const result = await probeTemplate(e.areas.templates.resolved(hit.id), target, credentials, {
            client,
            clock: { now: () => Date.now() },
            logger: e.logger,
            ...(o.rateWait !== undefined ? { rateGapMs: o.rateWait } : {}),
          });
          if (json(o)) printJson(ctx.io, result);
          else printTestResult(ctx.io, result);
          if (result.status === 'timeout') throw new TimeoutError(`${target} did not answer SNMP (${result.message ?? 'timeout'})`);
          if (result.status === 'error') throw new AppError('unavailable', `${target} answered, but the poll failed: ${result.message ?? 'error'}`);
        } finally {
          client.close();
        }
      });
    });
};
