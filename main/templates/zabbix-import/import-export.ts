/**
 * The front door of the Zabbix import: an export's text → every template in it mapped, checked
 * with the real template schema and stored as a user template (unless a dry run), with the report
 * of what was and was not mapped.
 */
import type { ImportReport, TemplateImportReport } from '../../api/template-import.ts';
import { TemplateBody } from '../../api/templates.ts';
import { AppError, ValidationError } from '../../errors.ts';
import type { TemplatesRepo } from '../templates-repo.ts';
import { mapTemplate } from './import-template.ts';
import { parseZabbixExport } from './zabbix-export.ts';

export interface ImportOptions {
  /** A name for the template (an export with one template only). */
  name?: string | undefined;
  dryRun?: boolean | undefined;
}

export function importZabbixExport(text: string, templates: Pick<TemplatesRepo, 'create'>, options: ImportOptions = {}): ImportReport {
  const { format, export: doc } = parseZabbixExport(text);
  if (options.name !== undefined && doc.templates.length > 1) throw new ValidationError(`This export has ${doc.templates.length} templates; a name can be given only for an export of one.`);
  const reports = doc.templates.map((t): TemplateImportReport => {
    const m = mapTemplate(t, doc.triggers ?? []);
    if (options.name !== undefined) m.body.name = options.name;
    const columns = (m.body.tables ?? []).reduce((n, tb) => n + tb.columns.length, 0);
    const report: TemplateImportReport = {
      zabbixName: t.template,
      templateId: m.body.id,
      name: m.body.name,
      stored: false,
      counts: { items: m.body.items?.length ?? 0, tables: m.body.tables?.length ?? 0, columns, alerts: m.alerts.length, notMapped: m.notMapped.length },
      mapped: m.mapped,
      alerts: m.alerts,
      notMapped: m.notMapped,
      notes: m.notes,
    };
    if (report.counts.items === 0 && report.counts.tables === 0) return { ...report, error: 'Nothing in it can be polled over SNMP: not stored.' };
    const parsed = TemplateBody.safeParse(m.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      return { ...report, error: `The mapped template is not valid: ${issues.join('; ')}` };
    }
    if (options.dryRun) return report;
    try {
      const created = templates.create(parsed.data);
      return { ...report, templateId: created.id, name: created.name, stored: true };
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation')) return { ...report, error: `${err.message} (delete the earlier import, or give another name)` };
      throw err;
    }
  });
  return { format, zabbixVersion: doc.version, templates: reports };
}
