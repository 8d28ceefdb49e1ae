/**
 * Report generation and history. `generate` records the report as queued and returns its id at
 * once; a worker (one report at a time) collects the snapshot, builds the document and renders
 * it, emitting `reports.progress` as it goes and yielding to the event loop between steps.
 * Content is a file in <dataDir>/reports/ named by the report id (plus an HTML rendering for the
 * preview); metadata is a row in `reports`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { REPORT_KIND_TITLES, type ReportFormat, type ReportGenerateInput, type ReportKind, type ReportMeta } from '../api/reports.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Db } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import { buildReport } from './builders.ts';
import { type CollectDeps, collectSnapshot } from './collect.ts';
import { formatDate } from './format.ts';
import { renderHtml } from './render-html.ts';
import { renderCsv, renderJson } from './render-text.ts';
import { checkScanPicks } from './scan-picks.ts';
import type { SitesRepo } from './sites-repo.ts';
import type { ReportDocument } from './types.ts';

export const MIME: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
};

interface Row {
  id: string;
  kind: ReportKind;
  format: ReportFormat;
  title: string;
  site_id: string | null;
  site_name: string;
  range_from: number;
  range_to: number;
  filters: string;
  status: ReportMeta['status'];
  error: string | null;
  size_bytes: number;
  created_at: number;
  finished_at: number | null;
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 40) || 'site'
  );
}

function toMeta(r: Row): ReportMeta {
  return {
    id: r.id,
    kind: r.kind,
    format: r.format,
    title: r.title,
    siteId: r.site_id,
    siteName: r.site_name,
    from: r.range_from,
    to: r.range_to,
    filters: JSON.parse(r.filters) as ReportMeta['filters'],
    status: r.status,
    error: r.error,
    sizeBytes: r.size_bytes,
    filename: `${r.kind}-${slug(r.site_name)}-${formatDate(r.range_from)}_${formatDate(r.range_to)}.${r.format}`,
    mimeType: MIME[r.format],
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Renders a document in a format (PDF loads pdfmake on first use). */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(renderJson(doc));
    case 'csv':
      return Buffer.from(renderCsv(doc));
    case 'html':
      return Buffer.from(renderHtml(doc));
    case 'pdf': {
      const { renderPdf } = await import('./render-pdf.ts');
      return renderPdf(doc);
    }
  }
}

export interface ReportServiceDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  sites: SitesRepo;
  settings: SettingsRepo;
  discovery: CollectDeps['discovery'];
  devices: CollectDeps['devices'];
  siteMap?: CollectDeps['siteMap'];
}

export function createReports(d: ReportServiceDeps) {
  const dir = path.join(d.dataDir, 'reports');
  const select = d.db.prepare<[string], Row>('SELECT * FROM reports WHERE id = ?');
  const waiters = new Map<string, Promise<ReportMeta>>();
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const file = (id: string, ext: string) => path.join(dir, `${id}.${ext}`);

  function row(id: string): Row {
    const r = select.get(id);
    if (!r) throw new NotFoundError(`No report with id ${id}; it may have been deleted.`);
    return r;
  }

  function progress(reportId: string, status: ReportMeta['status'], phase: 'queued' | 'collect' | 'build' | 'render' | 'store' | 'done' | 'failed', done: number, total: number, error: string | null = null) {
    d.events.emit('reports.progress', { reportId, status, phase, done, total, error });
  }

  async function run(id: string, input: ReportGenerateInput): Promise<ReportMeta> {
    if (!select.get(id)) throw new NotFoundError(`Report ${id} was deleted before it ran.`);
    d.db.prepare("UPDATE reports SET status = 'running' WHERE id = ?").run(id);
    const steps = 4;
    try {
      if (stopped) throw new Error('the engine stopped before the report ran');
      const site = d.sites.resolve(input.siteId);
      const settings = d.settings.get();
      progress(id, 'running', 'collect', 0, steps);
      const snapshot = await collectSnapshot(
        { db: d.db, discovery: d.discovery, devices: d.devices, ...(d.siteMap ? { siteMap: d.siteMap } : {}) },
        {
          input,
          site: { id: site.id, isDefault: site.isDefault, name: site.name, customer: site.customer, address: site.address, technician: site.technician || settings.technician },
          generatedAt: d.clock.now(),
        },
      );
      if (stopped) throw new Error('the engine stopped');
      progress(id, 'running', 'build', 1, steps);
      await yieldToLoop();
      const doc = buildReport(snapshot);
      progress(id, 'running', 'render', 2, steps);
      await yieldToLoop();
      const content = await renderReport(doc, input.format);
      const preview = input.format === 'html' ? content : Buffer.from(renderHtml(doc));
      progress(id, 'running', 'store', 3, steps);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file(id, input.format), content, { mode: 0o600 });
      if (input.format !== 'html') fs.writeFileSync(file(id, 'preview.html'), preview, { mode: 0o600 });
      const changed = d.db.prepare("UPDATE reports SET status = 'done', size_bytes = ?, finished_at = ? WHERE id = ?").run(content.length, d.clock.now(), id).changes;
      if (changed === 0) removeFiles(id);
      progress(id, 'done', 'done', steps, steps);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      d.logger.warn({ err, reportId: id }, 'report generation failed');
      d.db.prepare("UPDATE reports SET status = 'failed', error = ?, finished_at = ? WHERE id = ?").run(message.slice(0, 1000), d.clock.now(), id);
      progress(id, 'failed', 'failed', 0, steps, message);
    }
    return toMeta(row(id));
  }

  function removeFiles(id: string): void {
    for (const ext of ['json', 'csv', 'html', 'pdf', 'preview.html']) fs.rmSync(file(id, ext), { force: true });
  }

  function readContent(r: Row): Buffer {
    if (r.status !== 'done') throw new ValidationError(r.status === 'failed' ? `Report ${r.id} failed: ${r.error ?? 'unknown error'}` : `Report ${r.id} is not ready yet (${r.status}).`);
    try {
      return fs.readFileSync(file(r.id, r.format));
    } catch {
      throw new NotFoundError(`The file of report ${r.id} is missing from the data directory.`);
    }
  }

  return {
    /** Queues a report; resolves with its id at once. */
    generate(input: ReportGenerateInput): string {
      if (stopped) throw new ValidationError('The engine is stopping; try again.');
      const site = d.sites.resolve(input.siteId);
      checkScanPicks(d.db, input);
      const id = crypto.randomUUID();
      const filters = {
        ...(input.deviceIds?.length ? { deviceIds: input.deviceIds } : {}),
        ...(input.tags?.length ? { tags: input.tags } : {}),
        ...(input.kind === 'interfaces' ? { topN: input.topN } : {}),
        ...(input.fromJobId ? { fromJobId: input.fromJobId } : {}),
        ...(input.toJobId ? { toJobId: input.toJobId } : {}),
      };
      d.db
        .prepare(
          `INSERT INTO reports (id, kind, format, title, site_id, site_name, range_from, range_to, filters, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
        )
        .run(id, input.kind, input.format, `${REPORT_KIND_TITLES[input.kind]} report`, site.id, site.name, input.from, input.to, JSON.stringify(filters), d.clock.now());
      progress(id, 'queued', 'queued', 0, 4);
      // One at a time, after what is queued: a report never runs on the request's own turn.
      const done = chain.then(() => yieldToLoop()).then(() => run(id, input));
      chain = done.catch(() => undefined);
      waiters.set(id, done);
      void done.finally(() => waiters.delete(id)).catch(() => undefined);
      return id;
    },

    /** Resolves when the report is done or failed. */
    async wait(id: string): Promise<ReportMeta> {
      const w = waiters.get(id);
      if (w) return w;
      return toMeta(row(id));
    },

    get: (id: string): ReportMeta => toMeta(row(id)),

    list(limit: number): ReportMeta[] {
      return d.db.prepare<[number], Row>('SELECT * FROM reports ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit).map(toMeta);
    },

    /** The HTML rendering, whatever the format. */
    preview(id: string): string {
      const r = row(id);
      readContent(r);
      return fs.readFileSync(file(id, r.format === 'html' ? 'html' : 'preview.html'), 'utf8');
    },

    /** The content: a Buffer, with the metadata. */
    content(id: string): { meta: ReportMeta; data: Buffer } {
      const r = row(id);
      return { meta: toMeta(r), data: readContent(r) };
    },

    delete(id: string): void {
      row(id);
      d.db.prepare('DELETE FROM reports WHERE id = ?').run(id);
      removeFiles(id);
    },

    /** Lets the running report finish (queued ones fail fast). */
    async stop(): Promise<void> {
      stopped = true;
      await chain;
    },
  };
}

export type ReportService = ReturnType<typeof createReports>;
