import { type FormEvent, useEffect, useState } from 'react';
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import type { ReportFormat, ReportKind, ReportMeta } from '../../main/api/reports.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Field } from '../components/field.tsx';
import { DeleteButton } from '../components/row-action-buttons.tsx';
import { formatAgo, formatTime } from '../lib/format.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { fromLocalInput, toLocalInput } from '../lib/time-range.ts';
import { useCentralStore } from '../stores/central-store.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { fromChoices, resolveScanPair, uploadUnavailable } from '../stores/report-picks.ts';
import { useReportsStore } from '../stores/reports-store.ts';
import { useCan } from '../stores/session-store.ts';

const KINDS: Array<{ value: ReportKind; label: string }> = [
  { value: 'inventory', label: 'Site inventory' },
  { value: 'availability', label: 'Availability' },
  { value: 'alerts', label: 'Alerts' },
  { value: 'interfaces', label: 'Interface utilization' },
  { value: 'discovery-diff', label: 'Discovery changes' },
];
const FORMATS: Array<{ value: ReportFormat; label: string }> = [
  { value: 'html', label: 'HTML' },
  { value: 'pdf', label: 'PDF' },
  { value: 'csv', label: 'CSV (main table)' },
  { value: 'json', label: 'JSON' },
];
const PRESETS = [
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3600_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3600_000 },
  { value: 'custom', label: 'Custom', ms: 0 },
] as const;
type Preset = (typeof PRESETS)[number]['value'];

/**
 * The preview frame's policy: inline styles and inline SVG only; no scripts (the sandbox has no
 * allow-scripts either), no fetches, no images from anywhere.
 */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function withCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;
  return html.includes('<head>') ? html.replace('<head>', `<head>${meta}`) : `${meta}${html}`;
}

const shortDate = (ts: number): string => new Date(ts).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

const kindLabel = (k: ReportKind): string => KINDS.find((x) => x.value === k)?.label ?? k;

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const scanLabel = (j: DiscoveryJob): string => `${formatTime(j.createdAt)} · ${j.options.targets.join(', ')} · ${j.alive} up`;

/** Discovery changes: which scan to report on ("to") and which to compare it with ("from"); empty picks are the defaults. */
function ScanPicker({ toJobId, fromJobId, setTo, setFrom, errors }: { toJobId: string; fromJobId: string; setTo(id: string): void; setFrom(id: string): void; errors: FormErrors }) {
  const { scans, scansError, loadScans } = useReportsStore();
  useEffect(() => {
    void loadScans();
  }, [loadScans]);
  const pair = resolveScanPair(scans, { ...(toJobId ? { toJobId } : {}) });
  const choices = fromChoices(scans, pair.to);
  return (
    <>
      <Field label="Scan" error={errors.fields.toJobId ?? scansError} hint="The scan to report on">
        <select
          value={toJobId}
          onChange={(e) => {
            setTo(e.target.value);
            setFrom('');
          }}
        >
          <option value="">Latest in the period</option>
          {scans
            .filter((j) => j.status !== 'running')
            .map((j) => (
              <option key={j.id} value={j.id}>
                {scanLabel(j)}
              </option>
            ))}
        </select>
      </Field>
      <Field label="Compared with" error={errors.fields.fromJobId} hint="An older scan; by default the one before on the same targets">
        <select
          value={fromJobId}
          onChange={(e) => {
            // Picking "from" fixes "to" to the scan shown, so the pair sent is the pair seen.
            if (!toJobId && pair.to) setTo(pair.to.id);
            setFrom(e.target.value);
          }}
          disabled={choices.length === 0}
        >
          <option value="">{pair.from ? `The scan before (${formatTime(pair.from.createdAt)})` : 'The scan before on the same targets'}</option>
          {choices.map((j) => (
            <option key={j.id} value={j.id}>
              {scanLabel(j)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

function GenerateForm() {
  const generate = useReportsStore((s) => s.generate);
  const may = useCan('reports.generate');
  const devices = useDevicesStore((s) => s.items);
  const [kind, setKind] = useState<ReportKind>('inventory');
  const [format, setFormat] = useState<ReportFormat>('html');
  const [preset, setPreset] = useState<Preset>('7d');
  const [from, setFrom] = useState(() => toLocalInput(Date.now() - 7 * 24 * 3600_000));
  const [to, setTo] = useState(() => toLocalInput(Date.now()));
  const [deviceId, setDeviceId] = useState('');
  const [tags, setTags] = useState('');
  const [toJobId, setToJobId] = useState('');
  const [fromJobId, setFromJobId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const p = PRESETS.find((x) => x.value === preset)!;
    const end = preset === 'custom' ? fromLocalInput(to) : Date.now();
    const start = preset === 'custom' ? fromLocalInput(from) : Date.now() - p.ms;
    if (start === undefined || end === undefined) {
      setErrors({ fields: { ...(start === undefined ? { from: 'Enter a start date' } : {}), ...(end === undefined ? { to: 'Enter an end date' } : {}) } });
      return;
    }
    const tagList = tags.split(/[\s,]+/).filter(Boolean);
    setBusy(true);
    const picks = kind === 'discovery-diff' ? { ...(toJobId ? { toJobId } : {}), ...(toJobId && fromJobId ? { fromJobId } : {}) } : {};
    const r = await generate({ kind, format, from: start, to: end, ...(deviceId ? { deviceIds: [deviceId] } : {}), ...(tagList.length ? { tags: tagList } : {}), ...picks });
    setBusy(false);
    setErrors(r.ok ? NO_ERRORS : r.errors);
  }

  return (
    <form className="card card-pad report-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Generate a report">
      <Field label="Report" error={errors.fields.kind}>
        <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Period">
        <select value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
          {PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      {preset === 'custom' ? (
        <>
          <Field label="From" error={errors.fields.from}>
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="To" error={errors.fields.to}>
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </>
      ) : null}
      {kind === 'discovery-diff' ? <ScanPicker toJobId={toJobId} fromJobId={fromJobId} setTo={setToJobId} setFrom={setFromJobId} errors={errors} /> : null}
      <Field label="Device" error={errors.fields.deviceIds}>
        <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
          <option value="">All devices of the site</option>
          {devices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.address})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Tags" error={errors.fields.tags} hint="Only devices with one of these tags">
        <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="core, floor-2" spellCheck={false} />
      </Field>
      <Field label="Format" error={errors.fields.format}>
        <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions-left">
        <button type="submit" className="btn btn-primary" disabled={busy || !may.allowed} title={may.reason}>
          Generate
        </button>
      </div>
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
    </form>
  );
}

function StatusCell({ report }: { report: ReportMeta }) {
  const p = useReportsStore((s) => s.progress[report.id]);
  if (report.status === 'done') return <span className="badge badge-ok">Ready</span>;
  if (report.status === 'failed') return <span className="badge badge-down" title={report.error ?? undefined}>Failed</span>;
  const pct = p ? Math.round((100 * p.done) / Math.max(1, p.total)) : 0;
  return (
    <div className="report-progress">
      <div className="progress progress-live" role="progressbar" aria-label={`Generating ${kindLabel(report.kind)} report`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${Math.max(5, pct)}%` }} />
      </div>
      <span className="cell-muted">{p?.phase ?? report.status}…</span>
    </div>
  );
}

function History() {
  const { history, loaded, previewId, preview, download, remove, upload } = useReportsStore();
  const { target, load: loadCentralTarget } = useCentralStore();
  const [problem, setProblem] = useState<string>();
  const [note, setNote] = useState<string>();
  const [deleting, setDeleting] = useState<ReportMeta>();
  useEffect(() => {
    void loadCentralTarget();
  }, [loadCentralTarget]);
  const mayUpload = useCan('central.enqueue');
  const mayDelete = useCan('reports.delete');
  const noUpload = mayUpload.reason ?? uploadUnavailable(target);
  return (
    <section className="card card-compact" aria-labelledby="report-history-title">
      <div className="card-header">
        <h2 id="report-history-title" className="card-title">
          History
        </h2>
      </div>
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {note ? <Banner tone="info">{note}</Banner> : null}
      {history.length > 0 && noUpload && target ? (
        <p id="report-upload-unavailable" className="card-body muted">
          Upload is off. {noUpload} <a href="#/settings">Open Settings</a>
        </p>
      ) : null}
      {history.length === 0 ? (
        <p className="card-empty">{loaded ? 'No reports yet: pick a kind and a period above, then Generate.' : 'Loading…'}</p>
      ) : (
        <div className="card-table report-history">
          <table className="table" aria-label="Generated reports">
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Site</th>
                <th scope="col">Period</th>
                <th scope="col">Format</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id} aria-current={r.id === previewId ? 'true' : undefined} className={r.id === previewId ? 'row-selected' : undefined}>
                  <td className="cell-strong">{kindLabel(r.kind)}</td>
                  <td>{r.siteName}</td>
                  <td className="cell-muted" title={`${formatTime(r.from)} – ${formatTime(r.to)}`}>
                    {shortDate(r.from)} – {shortDate(r.to)}
                  </td>
                  <td>
                    {r.format.toUpperCase()}
                    {r.status === 'done' ? <span className="cell-muted"> · {formatBytes(r.sizeBytes)}</span> : null}
                  </td>
                  <td>
                    <StatusCell report={r} />
                  </td>
                  <td className="cell-muted" title={formatTime(r.createdAt)}>
                    {formatAgo(r.createdAt)}
                  </td>
                  <td className="col-actions">
                    <div className="report-actions">
                    <button type="button" className="btn btn-small" disabled={r.status !== 'done'} onClick={() => void preview(r.id)} aria-label={`Preview ${kindLabel(r.kind)} report from ${formatTime(r.createdAt)}`}>
                      Preview
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={r.status !== 'done'}
                      onClick={() => void download(r.id).then(setProblem)}
                      aria-label={`Download ${kindLabel(r.kind)} report (${r.format.toUpperCase()}) from ${formatTime(r.createdAt)}`}
                    >
                      Download
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={r.status !== 'done' || noUpload !== undefined}
                      title={noUpload}
                      aria-describedby={noUpload && target ? 'report-upload-unavailable' : undefined}
                      onClick={() => void upload(r.id).then((err) => (err ? setProblem(err) : setNote('Queued for the central WARD FLUX; it is sent when the central is reachable.')))}
                      aria-label={`Upload ${kindLabel(r.kind)} report to the central`}
                    >
                      Upload
                    </button>
                    <DeleteButton label={`Delete ${kindLabel(r.kind)} report from ${formatTime(r.createdAt)}`} onClick={() => setDeleting(r)} disabled={!mayDelete.allowed} {...(mayDelete.reason ? { title: mayDelete.reason } : {})} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting ? (
        <ConfirmDialog title="Delete report?" confirmLabel="Delete" onClose={() => setDeleting(undefined)} onConfirm={() => remove(deleting.id)}>
          <p>
            The {kindLabel(deleting.kind)} report ({deleting.format.toUpperCase()}, {shortDate(deleting.from)} – {shortDate(deleting.to)}) created {formatAgo(deleting.createdAt)} and its file are deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function Preview() {
  const { previewId, previewHtml, previewError, history } = useReportsStore();
  if (!previewId) return null;
  const meta = history.find((h) => h.id === previewId);
  return (
    <section className="card card-compact" aria-labelledby="report-preview-title">
      <div className="card-header">
        <h2 id="report-preview-title" className="card-title">
          Preview{meta ? `: ${kindLabel(meta.kind)} report` : ''}
        </h2>
      </div>
      {previewError ? <Banner tone="error">{previewError}</Banner> : null}
      {previewHtml ? (
        // sandbox="" : no scripts, no forms, no navigation, an opaque origin; the CSP allows inline styles and SVG only.
        <iframe className="report-preview" title="Report preview" sandbox="" srcDoc={withCsp(previewHtml)} referrerPolicy="no-referrer" />
      ) : !previewError ? (
        <p className="card-empty">Loading the preview…</p>
      ) : null}
    </section>
  );
}

/** In central mode: the sites that uploaded and what they sent. */
function CentralSection() {
  const { central, loadCentral, downloadUpload } = useReportsStore();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    void loadCentral();
  }, [loadCentral]);
  return (
    <section className="card card-compact" aria-labelledby="central-title">
      <div className="card-header">
        <h2 id="central-title" className="card-title">
          Central: site uploads
        </h2>
        <button type="button" className="btn btn-small" onClick={() => void loadCentral()}>
          Refresh
        </button>
      </div>
      {central.error ? <Banner tone="error">{central.error}</Banner> : null}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      <p className="card-body muted">
        {central.sites.length === 0 ? 'No site has uploaded yet.' : central.sites.map((s) => `${s.name} (${s.uploads})`).join(' · ')}
      </p>
      {central.uploads.length > 0 ? (
        <div className="card-table">
          <table className="table" aria-label="Uploads received">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Kind</th>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">State</th>
                <th scope="col">Received</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {central.uploads.map((u) => (
                <tr key={u.uploadId}>
                  <td className="cell-strong">{u.siteName}</td>
                  <td>{u.kind}</td>
                  <td>{u.filename}</td>
                  <td className="num">{formatBytes(u.sizeBytes)}</td>
                  <td>{u.state === 'complete' ? 'complete' : `${u.receivedChunks}/${u.totalChunks} chunks`}</td>
                  <td className="cell-muted">{formatAgo(u.completedAt ?? u.createdAt)}</td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-small" disabled={u.state !== 'complete'} onClick={() => void downloadUpload(u.uploadId).then(setProblem)} aria-label={`Download ${u.filename} from ${u.siteName}`}>
                      Download
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Reports: generate one (kind, period, devices/tags, format) with progress, preview it, keep a history. */
export function ReportsPage() {
  const { error, load } = useReportsStore();
  const central = useConnectionStore((s) => s.health?.central === true);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="page stack">
      {error ? <Banner tone="error">{error}</Banner> : null}
      {central ? <CentralSection /> : null}
      <GenerateForm />
      <History />
      <Preview />
    </div>
  );
}
