import { create } from 'zustand';
import type { CentralUpload } from '../../main/api/central.ts';
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import type { InputOf, OutputOf } from '../../main/api/contract.ts';
import type { ReportMeta } from '../../main/api/reports.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type GenerateInput = InputOf<'reports.generate'>;
export type CentralSite = OutputOf<'central.sites'>[number];

export interface ReportProgress {
  phase: string;
  done: number;
  total: number;
  status: ReportMeta['status'];
  error: string | null;
}

interface ReportsState {
  history: ReportMeta[];
  loaded: boolean;
  error?: string;
  progress: Record<string, ReportProgress>;
  /** The report shown in the preview, and its HTML. */
  previewId?: string;
  previewHtml?: string;
  previewError?: string;
  central: { sites: CentralSite[]; uploads: CentralUpload[]; loaded: boolean; error?: string };
  /** Discovery scans, newest first, for the discovery-changes report's scan picker. */
  scans: DiscoveryJob[];
  scansError?: string;
  load(): Promise<void>;
  loadScans(): Promise<void>;
  generate(input: GenerateInput): Promise<{ ok: true; reportId: string } | { ok: false; errors: FormErrors }>;
  preview(id: string): Promise<void>;
  download(id: string): Promise<string | undefined>;
  remove(id: string): Promise<string | undefined>;
  upload(id: string): Promise<string | undefined>;
  loadCentral(): Promise<void>;
  downloadUpload(uploadId: string): Promise<string | undefined>;
}

const FIELDS = ['kind', 'from', 'to', 'deviceIds', 'tags', 'format', 'siteId', 'topN', 'fromJobId', 'toJobId'] as const;

/** Hands content to the browser as a file download. */
function saveFile(filename: string, mimeType: string, content: string, encoding: 'utf8' | 'base64'): void {
  const bytes = encoding === 'base64' ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(content);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reports: generate (with live progress), history, preview, download, delete; the central's uploads. */
export const useReportsStore = create<ReportsState>()((set, get) => ({
  history: [],
  loaded: false,
  progress: {},
  central: { sites: [], uploads: [], loaded: false },
  scans: [],

  async load() {
    const r = await client.call('reports.list', { limit: 200 });
    if (r.ok) set({ history: r.data.items, loaded: true, error: undefined });
    else set({ error: describeError(r.error) });
  },

  async loadScans() {
    const r = await client.call('discovery.list', { limit: 200, offset: 0 });
    if (r.ok) set({ scans: r.data.items, scansError: undefined });
    else set({ scansError: describeError(r.error) });
  },

  async generate(input) {
    const r = await client.call('reports.generate', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, FIELDS) };
    set((s) => ({ progress: { ...s.progress, [r.data.reportId]: s.progress[r.data.reportId] ?? { phase: 'queued', done: 0, total: 4, status: 'queued', error: null } } }));
    await get().load();
    return { ok: true, reportId: r.data.reportId };
  },

  async preview(id) {
    // The same report again keeps its HTML until the new copy arrives (no flicker, no layout jump).
    if (get().previewId !== id) set({ previewId: id, previewHtml: undefined, previewError: undefined });
    const r = await client.call('reports.preview', { id });
    if (get().previewId !== id) return;
    if (r.ok) set({ previewHtml: r.data.html });
    else set({ previewError: describeError(r.error) });
  },

  async download(id) {
    const r = await client.call('reports.download', { id });
    if (!r.ok) return describeError(r.error);
    saveFile(r.data.filename, r.data.mimeType, r.data.content, r.data.encoding);
    return undefined;
  },

  async remove(id) {
    const r = await client.call('reports.delete', { id });
    if (!r.ok) return describeError(r.error);
    set((s) => ({ history: s.history.filter((h) => h.id !== id), ...(s.previewId === id ? { previewId: undefined, previewHtml: undefined } : {}) }));
    return undefined;
  },

  async upload(id) {
    const r = await client.call('central.enqueue', { kind: 'report', reportId: id });
    return r.ok ? undefined : describeError(r.error);
  },

  async loadCentral() {
    const [sites, uploads] = await Promise.all([client.call('central.sites', {}), client.call('central.uploads', { limit: 200 })]);
    if (sites.ok && uploads.ok) set({ central: { sites: sites.data, uploads: uploads.data.items, loaded: true } });
    else set((s) => ({ central: { ...s.central, error: describeError(!sites.ok ? sites.error : !uploads.ok ? uploads.error : { code: 'internal', message: '' }) } }));
  },

  async downloadUpload(uploadId) {
    const r = await client.call('central.download', { uploadId });
    if (!r.ok) return describeError(r.error);
    saveFile(r.data.filename, r.data.mimeType, r.data.content, 'base64');
    return undefined;
  },
}));

/** Live progress: `reports.progress` events update the bar; a finished report reloads the history. */
export function startReportsSync(): () => void {
  return client.on('reports.progress', (p) => {
    useReportsStore.setState((s) => ({ progress: { ...s.progress, [p.reportId]: { phase: p.phase, done: p.done, total: p.total, status: p.status, error: p.error } } }));
    if (p.status === 'done' || p.status === 'failed') {
      void useReportsStore
        .getState()
        .load()
        .then(() => {
          const s = useReportsStore.getState();
          // Show the report that just finished.
          if (p.status === 'done' && s.previewId !== p.reportId) void s.preview(p.reportId);
        });
    }
  });
}
