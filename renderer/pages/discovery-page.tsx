import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../main/api/contract.ts';
import type { Credential } from '../../main/api/credentials.ts';
import type { DeviceType, DiscoveryHost, DiscoveryJob, TargetIssue, ValidateTargetsOutput } from '../../main/api/discovery.ts';
import { Banner, DismissibleBanner } from '../components/banner.tsx';
import { DeviceTypeIcon } from '../components/device-type-badge.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Field } from '../components/field.tsx';
import { PushUnavailableNote } from '../components/push-unavailable-note.tsx';
import { DiscoveryIcon, PlugOffIcon, SearchIcon } from '../components/icons.tsx';
import {
  countByType,
  describeTargets,
  formatEta,
  LIMITS,
  METHOD_HINTS,
  METHOD_LABELS,
  METHODS,
  needsLargeConfirmation,
  parsePorts,
  percentDone,
  PHASE_LABELS,
  splitTargets,
  STATUS_LABELS,
  TYPE_LABELS,
  valueText,
} from '../lib/discovery.ts';
import { formatAgo, formatDuration, formatTime, plural } from '../lib/format.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { useDiscoveryStore, type OpenJob } from '../stores/discovery-store.ts';
import { pushUnavailable, useZabbixStore } from '../stores/zabbix-store.ts';
import { HostDetails, ResultsTable } from './discovery-results.tsx';

const VALIDATE_DELAY_MS = 300;
const STATUS_CLASS: Record<DiscoveryJob['status'], string> = { running: 'badge-info', finished: 'badge-ok', cancelled: 'badge-muted', interrupted: 'badge-warn', failed: 'badge-down' };

/** A number from a text field; NaN when empty, so the engine says what is missing. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

type Notice = { tone: 'info' | 'error'; text: string; details?: string[] };

function JobStatusBadge({ job }: { job: DiscoveryJob }) {
  return (
    <span className={`badge ${STATUS_CLASS[job.status]}`} title={job.error ?? undefined}>
      {job.status === 'running' ? <span className="badge-dot badge-pulse" aria-hidden="true" /> : null}
      {STATUS_LABELS[job.status]}
    </span>
  );
}

/** Saves text as a file through a Blob URL (works in Electron and in a browser). */
function saveFile(file: OutputOf<'discovery.export'>): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function IssueList({ issues, id }: { issues: TargetIssue[]; id: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="target-issues" id={id}>
      {issues.map((i, n) => (
        <li key={n} className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}>
          <span className="issue-mark" aria-hidden="true">
            {i.severity === 'error' ? '✕' : '!'}
          </span>
          <span className="visually-hidden">{i.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          {i.target ? <span className="mono issue-target">{i.target}</span> : null}
          <span>{i.message}</span>
        </li>
      ))}
    </ul>
  );
}

function TargetCount({ validation, validating, error, hasText }: { validation?: ValidateTargetsOutput | undefined; validating: boolean; error?: string | undefined; hasText: boolean }) {
  if (!hasText) return <span className="muted">CIDRs (10.1.2.0/24), ranges (10.1.2.10-50), addresses or host names; one per line or separated by commas.</span>;
  if (error) return <span className="result-bad">Could not check the targets: {error}</span>;
  if (!validation) return <span className="muted">Checking…</span>;
  const names = validation.targets.filter((t) => t.kind === 'hostname').length;
  return (
    <span className={validating ? 'target-count is-stale' : 'target-count'}>
      <strong>{plural(validation.count, 'address', 'addresses')}</strong>
      {validation.ipv6Count > 0 ? <span className="muted"> ({validation.ipv4Count.toLocaleString()} IPv4, {validation.ipv6Count.toLocaleString()} IPv6)</span> : null}
      {names > 0 ? <span className="muted"> + {plural(names, 'host name')}, resolved when the scan starts</span> : null}
      {validation.ok ? <span className="result-ok"> · ready to scan</span> : null}
    </span>
  );
}

/** The SNMP credentials to try, in order: move up, move down, remove, add. */
function CredentialPicker({ ids, credentials, onChange, error }: { ids: string[]; credentials: Credential[]; onChange(ids: string[]): void; error?: string | undefined }) {
  const byId = useMemo(() => new Map(credentials.map((c) => [c.id, c])), [credentials]);
  const rest = credentials.filter((c) => !ids.includes(c.id));
  const label = (c: Credential | undefined): string => (c ? `${c.name} (${c.version === '3' ? 'v3' : `v${c.version}`})` : 'Deleted credential');
  const move = (i: number, d: number): void => {
    const next = [...ids];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset className="fieldset" aria-describedby={error ? 'cred-error' : 'cred-hint'}>
      <legend className="field-label">SNMP credentials to try</legend>
      {credentials.length === 0 ? (
        <p className="field-hint" id="cred-hint">
          No SNMP credentials yet: hosts are found but not identified by SNMP. <a href="#/settings">Add one in Settings</a>.
        </p>
      ) : (
        <>
          {ids.length > 0 ? (
            <ol className="cred-order" aria-label="Credentials, in the order they are tried">
              {ids.map((id, i) => {
                const name = label(byId.get(id));
                return (
                  <li key={id} className="cred-item">
                    <span className="cred-rank" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="cred-name">{name}</span>
                    <button type="button" className="btn-icon btn-icon-small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Try ${name} earlier`} title="Try earlier">
                      ↑
                    </button>
                    <button type="button" className="btn-icon btn-icon-small" onClick={() => move(i, 1)} disabled={i === ids.length - 1} aria-label={`Try ${name} later`} title="Try later">
                      ↓
                    </button>
                    <button type="button" className="btn-icon btn-icon-small btn-icon-danger" onClick={() => onChange(ids.filter((x) => x !== id))} aria-label={`Do not try ${name}`} title="Remove">
                      ×
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : null}
          {rest.length > 0 && ids.length < LIMITS.maxCredentials ? (
            <select className="select-small cred-add" value="" onChange={(e) => e.target.value && onChange([...ids, e.target.value])} aria-label="Add a credential to try">
              <option value="">{ids.length ? 'Add another credential…' : 'Add a credential…'}</option>
              {rest.map((c) => (
                <option key={c.id} value={c.id}>
                  {label(c)}
                </option>
              ))}
            </select>
          ) : null}
          {error ? (
            <p className="field-error" id="cred-error" role="alert">
              {error}
            </p>
          ) : (
            <p className="field-hint" id="cred-hint">
              {ids.length === 0 ? 'None: SNMP is skipped, hosts are classified by ports and MAC only.' : 'Tried on every live host in this order; the first that answers wins.'}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}

function ScanForm() {
  const { draft, setDraft, validation, validating, validationError, validate, start, starting, startErrors } = useDiscoveryStore();
  const running = useDiscoveryStore((s) => s.current?.job?.status === 'running');
  const credentials = useCredentialsStore((s) => s.items);
  const ready = useConnectionStore((s) => s.status === 'ready');
  const [portsError, setPortsError] = useState<string>();
  const targetsId = useId();
  const credentialIds = useMemo(() => draft.credentialIds ?? credentials.slice(0, LIMITS.maxCredentials).map((c) => c.id), [draft.credentialIds, credentials]);

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => void validate(), draft.targets.trim() ? VALIDATE_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [draft.targets, draft.exclusions, draft.confirmLarge, ready, validate]);

  const hasText = draft.targets.trim() !== '';
  const shown = hasText ? validation : undefined;
  const targetIssues = shown?.issues.filter((i) => i.scope !== 'exclusion') ?? [];
  const exclusionIssues = shown?.issues.filter((i) => i.scope === 'exclusion') ?? [];
  const askConfirm = draft.confirmLarge || needsLargeConfirmation(shown);
  const fields = startErrors.fields;

  function submit(event: FormEvent): void {
    event.preventDefault();
    const ports = parsePorts(draft.tcpPorts);
    const useTcp = draft.methods.includes('tcp');
    if (useTcp && !ports.ok) {
      setPortsError(ports.message);
      return;
    }
    setPortsError(undefined);
    void start({
      targets: splitTargets(draft.targets),
      exclusions: splitTargets(draft.exclusions),
      methods: draft.methods,
      credentialIds,
      ratePps: num(draft.ratePps),
      timeoutMs: num(draft.timeoutMs),
      ...(ports.ok ? { tcpPorts: ports.ports } : {}),
      confirmLarge: draft.confirmLarge,
    });
  }

  return (
    <form className="card scan-form" onSubmit={submit} noValidate aria-label="New scan">
      <div className="card-header">
        <h2 className="card-title">New scan</h2>
      </div>
      <div className="scan-grid">
        <div className="scan-col">
          <div className={`field${fields.targets ? ' field-invalid' : ''}`}>
            <label className="field-label" htmlFor={targetsId}>
              Targets<span className="field-required" aria-hidden="true"> *</span>
            </label>
            <textarea
              id={targetsId}
              className="mono"
              rows={3}
              value={draft.targets}
              onChange={(e) => setDraft({ targets: e.target.value })}
              placeholder={'192.168.1.0/24\n10.0.5.10-50, printer.site'}
              spellCheck={false}
              aria-required="true"
              aria-invalid={fields.targets || targetIssues.some((i) => i.severity === 'error') ? true : undefined}
              aria-describedby={`${targetsId}-count ${targetsId}-issues${fields.targets ? ` ${targetsId}-error` : ''}`}
            />
            <p className="field-hint target-status" id={`${targetsId}-count`} role="status" aria-live="polite">
              <TargetCount validation={shown} validating={validating} error={validationError} hasText={hasText} />
            </p>
            <IssueList issues={targetIssues} id={`${targetsId}-issues`} />
            {fields.targets ? (
              <p className="field-error" id={`${targetsId}-error`} role="alert">
                {fields.targets}
              </p>
            ) : null}
          </div>
          <div>
            <Field label="Exclusions" error={fields.exclusions} hint={exclusionIssues.length ? <IssueList issues={exclusionIssues} id={`${targetsId}-excl`} /> : 'Never probed: same syntax as targets'}>
              <input type="text" className="mono" value={draft.exclusions} onChange={(e) => setDraft({ exclusions: e.target.value })} placeholder="192.168.1.1, 192.168.1.200-254" spellCheck={false} />
            </Field>
          </div>
          {askConfirm ? (
            <div className="confirm-large">
              <label className="check">
                <input type="checkbox" checked={draft.confirmLarge} onChange={(e) => setDraft({ confirmLarge: e.target.checked })} />
                <span>
                  <strong>Confirm a large scan</strong>
                  <span className="muted"> — more than {LIMITS.maxAddresses.toLocaleString()} addresses (a /16) takes a while and sends a lot of traffic; make sure the customer expects it.</span>
                </span>
              </label>
            </div>
          ) : null}
        </div>
        <div className="scan-col">
          <fieldset className="fieldset" aria-describedby={fields.methods ? 'methods-error' : undefined}>
            <legend className="field-label">Methods</legend>
            <div className="check-list">
              {METHODS.map((m) => (
                <label key={m} className="check check-chip" title={METHOD_HINTS[m]}>
                  <input
                    type="checkbox"
                    checked={draft.methods.includes(m)}
                    onChange={(e) => setDraft({ methods: e.target.checked ? METHODS.filter((x) => x === m || draft.methods.includes(x)) : draft.methods.filter((x) => x !== m) })}
                    aria-describedby={`method-${m}-hint`}
                  />
                  {METHOD_LABELS[m]}
                  <span className="visually-hidden" id={`method-${m}-hint`}>
                    {METHOD_HINTS[m]}
                  </span>
                </label>
              ))}
            </div>
            {fields.methods ? (
              <p className="field-error" id="methods-error" role="alert">
                {fields.methods}
              </p>
            ) : null}
          </fieldset>
          {draft.methods.includes('snmp') ? <CredentialPicker ids={credentialIds} credentials={credentials} onChange={(ids) => setDraft({ credentialIds: ids })} error={fields.credentialIds} /> : null}
        </div>
      </div>
      <div className="scan-options">
        <Field label="Rate (packets/s)" error={fields.ratePps}>
          <input type="number" value={draft.ratePps} onChange={(e) => setDraft({ ratePps: e.target.value })} min={1} max={LIMITS.maxRatePps} />
        </Field>
        <Field label="Timeout (ms)" error={fields.timeoutMs}>
          <input type="number" value={draft.timeoutMs} onChange={(e) => setDraft({ timeoutMs: e.target.value })} min={50} max={30000} step={100} />
        </Field>
        <div className="field-grow">
          <Field label="TCP ports" error={portsError ?? fields.tcpPorts} hint={draft.methods.includes('tcp') ? undefined : 'Used only with the TCP method'}>
            <input type="text" className="mono" value={draft.tcpPorts} onChange={(e) => setDraft({ tcpPorts: e.target.value })} spellCheck={false} disabled={!draft.methods.includes('tcp')} />
          </Field>
        </div>
        <div className="form-actions-left">
          <button type="submit" className="btn btn-primary" disabled={starting || running || !ready} aria-busy={starting}>
            <DiscoveryIcon />
            {starting ? 'Starting…' : 'Start scan'}
          </button>
        </div>
      </div>
      {startErrors.banner ? (
        <div className="scan-banner">
          <Banner tone="error">{startErrors.banner}</Banner>
        </div>
      ) : null}
    </form>
  );
}

function History() {
  const { jobs, jobsTotal, jobsLoaded, jobsError, loadJobs, open } = useDiscoveryStore();
  const currentId = useDiscoveryStore((s) => s.current?.jobId);
  return (
    <section className="card history" aria-labelledby="history-title">
      <div className="card-header">
        <h2 id="history-title" className="card-title">
          Past scans
        </h2>
        <span className="muted">{jobsLoaded && jobsTotal > jobs.length ? `latest ${jobs.length} of ${jobsTotal}` : ''}</span>
      </div>
      {jobsError ? (
        <div className="card-body">
          <Banner
            tone="error"
            action={
              <button type="button" className="btn btn-small" onClick={() => void loadJobs()}>
                Retry
              </button>
            }
          >
            Could not load past scans: {jobsError}
          </Banner>
        </div>
      ) : null}
      {!jobsLoaded && !jobsError ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading…
        </div>
      ) : jobsLoaded && jobs.length === 0 ? (
        <p className="card-empty">No scans yet. Results of every scan are kept here.</p>
      ) : (
        <ul className="job-list" aria-label="Past scans">
          {jobs.map((j) => (
            <li key={j.id}>
              <button type="button" className="job-item" aria-current={j.id === currentId ? 'true' : undefined} onClick={() => void open(j.id)}>
                <span className="job-item-targets mono">{describeTargets(j.options.targets)}</span>
                <span className="job-item-meta">
                  <JobStatusBadge job={j} />
                  <span>{plural(j.alive, 'host')}</span>
                  <span className="muted">{formatAgo(j.createdAt)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Progress({ current }: { current: OpenJob }) {
  const job = current.job;
  const p = current.progress;
  if (!job) return null;
  const total = p?.total ?? job.total;
  const done = p?.done ?? job.done;
  const pct = job.status === 'finished' ? 100 : percentDone(done, total);
  const runningNow = job.status === 'running';
  const elapsedSec = job.finishedAt ? (job.finishedAt - job.createdAt) / 1000 : p ? p.elapsedMs / 1000 : null;
  return (
    <div className="job-progress">
      <div
        className={`progress${runningNow ? ' progress-live' : ''} progress-${job.status}`}
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-valuetext={`${done.toLocaleString()} of ${plural(total, 'address', 'addresses')} checked`}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <dl className="job-stats" aria-label="Scan counters">
        <div>
          <dt>Checked</dt>
          <dd>
            {done.toLocaleString()} / {total.toLocaleString()}
          </dd>
        </div>
        <div>
          <dt>Alive</dt>
          <dd>{(p?.alive ?? job.alive).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Classified</dt>
          <dd>{(p?.classified ?? job.classified).toLocaleString()}</dd>
        </div>
        {runningNow ? (
          <>
            <div>
              <dt>Rate</dt>
              <dd>{p ? `${Math.round(p.rate).toLocaleString()} pps` : '—'}</dd>
            </div>
            <div>
              <dt>Time left</dt>
              <dd>{formatEta(p?.etaSec)}</dd>
            </div>
            <div>
              <dt>Phase</dt>
              <dd>{PHASE_LABELS[p?.phase ?? job.phase]}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>Took</dt>
            <dd>{elapsedSec !== null ? formatDuration(elapsedSec) : '—'}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** One list of a scan diff (new or gone hosts): address, name when it differs, type. */
function DiffHosts({ title, hosts }: { title: string; hosts: readonly DiscoveryHost[] }) {
  if (!hosts.length) return null;
  return (
    <div>
      <h3 className="detail-title">{title}</h3>
      <ul className="diff-list">
        {hosts.map((h) => (
          <li key={h.address}>
            <span className="mono">{h.address}</span> {h.name !== h.address ? h.name : ''} <span className="muted">{TYPE_LABELS[h.type]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DiffSummary({ current }: { current: OpenJob }) {
  const [open, setOpen] = useState(false);
  const diff = current.diff;
  if (current.diffError) return <p className="diff-line muted">The comparison with the previous scan is not available: {current.diffError}</p>;
  if (!diff || current.job?.status === 'running') return null;
  if (!diff.previousJobId) return <p className="diff-line muted">First scan of these targets: the next one will show what is new, gone and changed.</p>;
  const nothing = diff.new.length === 0 && diff.gone.length === 0 && diff.changed.length === 0;
  return (
    <section className="diff" aria-label="Changes since the previous scan">
      <div className="diff-line">
        <span>Since the previous scan of these targets:</span>
        <span className="badge badge-info">{diff.new.length} new</span>
        <span className={`badge ${diff.gone.length ? 'badge-down' : 'badge-muted'}`}>{diff.gone.length} gone</span>
        <span className={`badge ${diff.changed.length ? 'badge-warn' : 'badge-muted'}`}>{diff.changed.length} changed</span>
        <span className="muted">{diff.unchanged} unchanged</span>
        {!nothing ? (
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide changes' : 'Show changes'}
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="diff-details">
          <DiffHosts title="New" hosts={diff.new} />
          <DiffHosts title="Gone" hosts={diff.gone} />
          {diff.changed.length ? (
            <div>
              <h3 className="detail-title">Changed</h3>
              <ul className="diff-list">
                {diff.changed.map((c) => (
                  <li key={c.address}>
                    <span className="mono">{c.address}</span>
                    {c.previousAddress !== c.address ? <span className="muted"> (was {c.previousAddress}, matched by {c.matchedBy})</span> : null}:{' '}
                    {c.changes.map((x) => `${x.field} ${valueText(x.before)} → ${valueText(x.after)}`).join('; ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function addNotice(output: OutputOf<'discovery.addToMonitoring'>): Notice {
  const existing = output.results.filter((r) => r.outcome === 'existing').length;
  const missing = output.results.filter((r) => r.outcome === 'not_found');
  const parts = [output.created === 0 ? 'No new device added to monitoring.' : `Added ${plural(output.created, 'device')} to monitoring.`];
  if (existing) parts.push(`${plural(existing, 'host was', 'hosts were')} already monitored.`);
  if (missing.length) parts.push(`${plural(missing.length, 'host was', 'hosts were')} not in this scan.`);
  return { tone: missing.length ? 'error' : 'info', text: parts.join(' '), details: output.results.length <= 12 ? output.results.map((r) => `${r.name ?? r.address} (${r.address}): ${r.message}`) : undefined };
}

function JobPanel({ current }: { current: OpenJob }) {
  const { selected, setSelected, typeFilter, setTypeFilter, cancel, close, addToMonitoring, exportResults } = useDiscoveryStore();
  const ready = useConnectionStore((s) => s.status === 'ready');
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [details, setDetails] = useState<DiscoveryHost>();
  const job = current.job;
  const hosts = current.hosts;
  const types = useMemo(() => countByType(hosts), [hosts]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return hosts.filter(
      (h) =>
        (typeFilter === 'all' || h.type === typeFilter) &&
        (!q || [h.address, h.name, h.vendor, h.model, h.os, h.sysDescr].some((v) => v?.toLowerCase().includes(q))),
    );
  }, [hosts, typeFilter, search]);
  const newAddresses = useMemo(() => new Set(current.diff?.previousJobId ? current.diff.new.map((h) => h.address) : []), [current.diff]);
  const selectedIds = useMemo(() => [...selected], [selected]);
  const zabbixConfig = useZabbixStore((s) => s.config);
  const pushToZabbix = useZabbixStore((s) => s.push);
  const noPush = pushUnavailable(zabbixConfig);

  async function add(addresses: string[], push = false): Promise<void> {
    setBusy(true);
    const r = await addToMonitoring(addresses);
    if (!r.ok) {
      setBusy(false);
      return setNotice({ tone: 'error', text: `Could not add to monitoring: ${r.message}` });
    }
    const added = addNotice(r.output);
    const deviceIds = r.output.results.flatMap((x) => (x.deviceId && x.outcome !== 'not_found' ? [x.deviceId] : []));
    if (!push || deviceIds.length === 0) {
      setBusy(false);
      return setNotice(added);
    }
    const pushed = await pushToZabbix(deviceIds);
    setBusy(false);
    setNotice(
      pushed.ok
        ? { ...added, text: `${added.text} ${plural(pushed.queued, 'device')} queued for Zabbix (follow the delivery under Alerts, Deliveries).` }
        : { ...added, tone: 'error', text: `${added.text} Could not push to Zabbix: ${pushed.message}` },
    );
  }

  async function download(format: 'csv' | 'json'): Promise<void> {
    const r = await exportResults(format);
    if (r.ok) saveFile(r.file);
    else setNotice({ tone: 'error', text: `Could not export the results: ${r.message}` });
  }

  const running = job?.status === 'running';
  let body;
  if (current.error) {
    body = (
      <div className="card-body">
        <Banner
          tone="error"
          action={
            <button type="button" className="btn btn-small" onClick={() => void useDiscoveryStore.getState().open(current.jobId)}>
              Retry
            </button>
          }
        >
          Could not load this scan: {current.error}
        </Banner>
      </div>
    );
  } else if (current.loading && hosts.length === 0) {
    body = (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading results…
      </div>
    );
  } else if (hosts.length === 0) {
    body = running ? (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Waiting for the first host to answer…
      </div>
    ) : (
      <EmptyState icon={<SearchIcon />} title="No host answered">
        <p>Nothing in these targets answered ping, the TCP ports or ARP. Check the targets, try a longer timeout, or add TCP ports the hosts listen on.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <div className="toolbar toolbar-wrap results-toolbar">
          <div className="type-filter" role="group" aria-label="Filter by type">
            <button type="button" className="type-filter-btn" aria-pressed={typeFilter === 'all'} onClick={() => setTypeFilter('all')}>
              All <span className="tab-count">{hosts.length.toLocaleString()}</span>
            </button>
            {types.map(({ type, count }) => (
              <button key={type} type="button" className="type-filter-btn" aria-pressed={typeFilter === type} onClick={() => setTypeFilter(typeFilter === type ? 'all' : (type as DeviceType))}>
                <DeviceTypeIcon type={type} />
                {TYPE_LABELS[type]} <span className="tab-count">{count.toLocaleString()}</span>
              </button>
            ))}
          </div>
          <div className="toolbar-spacer" />
          <div className="search search-small">
            <SearchIcon className="search-icon" />
            <input type="search" placeholder="Filter address, name, vendor" aria-label="Filter results" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        </div>
        {selected.size > 0 ? (
          <div className="selection-bar" role="region" aria-label="Selected hosts">
            <strong>{plural(selected.size, 'host')} selected</strong>
            <button type="button" className="btn btn-small btn-primary" disabled={busy || !ready} aria-busy={busy} onClick={() => void add(selectedIds)}>
              Add selected to monitoring
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || !ready || noPush !== undefined}
              title={noPush}
              aria-describedby={noPush ? 'discovery-push-unavailable' : undefined}
              onClick={() => void add(selectedIds, true)}
            >
              Add &amp; push to Zabbix
            </button>
            <PushUnavailableNote id="discovery-push-unavailable" config={zabbixConfig} />
            <div className="toolbar-spacer" />
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </div>
        ) : null}
        {shown.length === 0 ? (
          <EmptyState
            icon={<SearchIcon />}
            title="No matching hosts"
            action={
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setTypeFilter('all');
                  setSearch('');
                }}
              >
                Show all hosts
              </button>
            }
          />
        ) : (
          <ResultsTable hosts={shown} selected={selected} onSelect={setSelected} newAddresses={newAddresses} onDetails={setDetails} />
        )}
      </>
    );
  }

  return (
    <section className="card job-panel" aria-labelledby="job-title">
      <div className="card-header job-head">
        <div className="job-title-block">
          <h2 id="job-title" className="card-title">
            Scan of <span className="mono">{job ? describeTargets(job.options.targets, 3) : '…'}</span>
          </h2>
          {job ? (
            <p className="card-subtitle">
              <JobStatusBadge job={job} /> Started {formatTime(job.createdAt)}
              {job.options.exclusions.length ? ` · excluding ${describeTargets(job.options.exclusions)}` : ''} · {job.options.methods.map((m) => METHOD_LABELS[m]).join(', ')} · {job.options.ratePps} pps
            </p>
          ) : null}
        </div>
        <div className="job-actions">
          {running ? (
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => void cancel().then((message) => message && setNotice({ tone: 'error', text: `Could not cancel the scan: ${message}` }))}
              disabled={!ready}
            >
              Cancel scan
            </button>
          ) : null}
          <button type="button" className="btn btn-small" onClick={() => void download('csv')} disabled={!ready || hosts.length === 0}>
            Export CSV
          </button>
          <button type="button" className="btn btn-small" onClick={() => void download('json')} disabled={!ready || hosts.length === 0}>
            Export JSON
          </button>
          {!running ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={close} aria-label="Close these results">
              Close
            </button>
          ) : null}
        </div>
      </div>
      <div className="card-body">
        <Progress current={current} />
        {job?.error ? <Banner tone={job.status === 'failed' ? 'error' : 'warning'}>{job.error}</Banner> : null}
        {job?.status === 'cancelled' ? <Banner tone="info">This scan was cancelled; the hosts found until then are shown.</Banner> : null}
        <DiffSummary current={current} />
        {notice ? (
          <DismissibleBanner tone={notice.tone} link={notice.tone === 'info' ? { href: '#/devices', label: 'Open Devices' } : undefined} onDismiss={() => setNotice(undefined)}>
            <p>{notice.text}</p>
            {notice.details?.length ? (
              <ul className="notice-details">
                {notice.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </DismissibleBanner>
        ) : null}
        {body}
      </div>
      {details ? (
        <HostDetails
          host={hosts.find((h) => h.address === details.address) ?? details}
          onClose={() => setDetails(undefined)}
          busy={busy}
          onAdd={() => void add([details.address]).then(() => setDetails(undefined))}
        />
      ) : null}
    </section>
  );
}

/** Discovery: sweep subnets, watch hosts appear and get classified, add them to monitoring. */
export function DiscoveryPage() {
  const current = useDiscoveryStore((s) => s.current);
  const { jobsLoaded, jobs, loadJobs, open } = useDiscoveryStore();
  const status = useConnectionStore((s) => s.status);

  useEffect(() => {
    if (status === 'ready') void loadJobs();
  }, [status, loadJobs]);

  // Coming back to the page: show the scan that is still running, if any.
  useEffect(() => {
    if (!current && jobsLoaded) {
      const runningJob = jobs.find((j) => j.status === 'running');
      if (runningJob) void open(runningJob.id);
    }
  }, [current, jobsLoaded, jobs, open]);

  return (
    <div className="page">
      {status === 'disconnected' && !jobsLoaded ? (
        <EmptyState icon={<PlugOffIcon />} title="No connection to the engine">
          <p>Scans can start as soon as WARD FLUX reaches its engine again.</p>
        </EmptyState>
      ) : (
        <>
          <div className="discovery-top">
            <ScanForm />
            <History />
          </div>
          {current ? (
            <JobPanel key={current.jobId} current={current} />
          ) : (
            <section className="card" aria-label="Scan results">
              <EmptyState icon={<DiscoveryIcon />} title="No scan open">
                <p>Type the customer’s subnets above and start a scan: live hosts appear here as they answer, classified as routers, switches, servers, printers… Open a past scan to see its results again.</p>
              </EmptyState>
            </section>
          )}
        </>
      )}
    </div>
  );
}
