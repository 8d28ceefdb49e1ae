import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SyncConfig, SyncStatus } from '../../main/api/sync.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { formatAgo, formatDuration, formatTime, plural } from '../lib/format.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useSyncStore, type SyncSet } from '../stores/sync-store.ts';

/** sync.status has no event: refresh it this often while the Settings page is open and the window visible. */
const STATUS_REFRESH_MS = 10_000;

type AuthMethod = SyncConfig['authMethod'];

function SecretState({ set }: { set: boolean }) {
  return <span className={`badge ${set ? 'badge-ok' : 'badge-muted'}`}>{set ? 'set' : 'not set'}</span>;
}

type TestResult = { ok: boolean; message: string; warnings: string[] };

/** The form, re-mounted when the saved config changes; the last result lives in the section so it survives that. */
function SyncForm({ config, result, setResult }: { config: SyncConfig; result: TestResult | undefined; setResult(result: TestResult | undefined): void }) {
  const { save, test } = useSyncStore();
  const [url, setUrl] = useState(config.url);
  const [authMethod, setAuthMethod] = useState<AuthMethod>(config.authMethod);
  const [username, setUsername] = useState(config.username);
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [site, setSite] = useState(config.extraLabels.site ?? '');
  const [technician, setTechnician] = useState(config.extraLabels.technician ?? '');
  const [enabled, setEnabled] = useState(config.url ? config.enabled : true);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState<'save' | 'test'>();
  // A test push can wait up to the push timeout on an unreachable server: leaving the form cancels it.
  const testing = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => testing.current?.abort(), []);

  function secrets(): Pick<SyncSet, 'username' | 'password' | 'token'> {
    if (authMethod === 'basic') return { ...(username.trim() ? { username } : {}), ...(password ? { password } : {}) };
    if (authMethod === 'bearer') return token ? { token } : {};
    return {};
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy('save');
    // Other labels set elsewhere (e.g. by the CLI) are kept; site and technician come from the fields.
    const { site: _site, technician: _technician, ...otherLabels } = config.extraLabels;
    const extraLabels = { ...otherLabels, ...(site.trim() ? { site } : {}), ...(technician.trim() ? { technician } : {}) };
    const outcome = await save({ url, authMethod, enabled, extraLabels, ...secrets() });
    setBusy(undefined);
    if (outcome.ok) {
      setErrors(NO_ERRORS);
      setPassword('');
      setToken('');
      setResult({ ok: true, message: 'Saved.', warnings: [] });
    } else {
      setErrors(outcome.errors);
      setResult(undefined);
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  async function runTest(): Promise<void> {
    setBusy('test');
    setResult({ ok: true, message: 'Testing…', warnings: [] });
    const controller = (testing.current = new AbortController());
    const outcome = await test({ ...(url.trim() ? { url } : {}), authMethod, ...secrets() }, controller.signal);
    if (controller.signal.aborted) return;
    testing.current = undefined;
    setResult(outcome);
    setBusy(undefined);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card-body" autoComplete="off" aria-label="VictoriaMetrics sync">
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
      <div className="form-grid">
        <Field label="VictoriaMetrics URL" error={errors.fields.url} hint="Single node: http://victoria:8428/ · cluster: http://vminsert:8480/insert/0/prometheus/">
          <input type="text" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} className="mono" />
        </Field>
        <Field label="Authentication" error={errors.fields.authMethod}>
          <select value={authMethod} onChange={(e) => setAuthMethod(e.target.value as AuthMethod)}>
            <option value="none">None</option>
            <option value="basic">User and password (basic)</option>
            <option value="bearer">Bearer token</option>
          </select>
        </Field>
      </div>
      {authMethod === 'basic' ? (
        <div className="form-grid">
          <Field label="User" error={errors.fields.username}>
            <input type="text" value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} />
          </Field>
          <Field label="Password" error={errors.fields.password} hint="Leave empty to keep the stored password. Changing the URL requires entering it again." aside={<SecretState set={config.hasPassword} />}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </Field>
        </div>
      ) : authMethod === 'bearer' ? (
        <Field label="Bearer token" error={errors.fields.token} hint="Leave empty to keep the stored token. Changing the URL requires entering it again." aside={<SecretState set={config.hasToken} />}>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="new-password" spellCheck={false} />
        </Field>
      ) : null}
      <div className="form-grid">
        <Field label="Site label" error={errors.fields['label:site']} hint="Added to every pushed series as site=…">
          <input type="text" value={site} onChange={(e) => setSite(e.target.value)} />
        </Field>
        <Field label="Technician label" error={errors.fields['label:technician']} hint="Added as technician=…">
          <input type="text" value={technician} onChange={(e) => setTechnician(e.target.value)} />
        </Field>
      </div>
      {errors.fields.extraLabels ? (
        <p className="field-error" role="alert">
          {errors.fields.extraLabels}
        </p>
      ) : null}
      <label className="check check-switch">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <span>Push samples to VictoriaMetrics</span>
      </label>
      <div className="form-actions">
        {result ? (
          <span className={result.ok ? 'result-ok' : 'result-bad'} role="status">
            {result.message}
          </span>
        ) : config.updatedAt ? (
          <span className="muted">Saved {formatTime(config.updatedAt)}</span>
        ) : null}
        <button type="button" className="btn" onClick={() => void runTest()} disabled={busy !== undefined || (!url.trim() && !config.url)} aria-busy={busy === 'test'}>
          Test connection
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy !== undefined} aria-busy={busy === 'save'}>
          Save sync settings
        </button>
      </div>
      {result && result.warnings.length > 0 ? (
        <Banner tone="warning">
          <p>The server answered, but check its settings:</p>
          <ul className="warning-list">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
    </form>
  );
}

function statusWords(s: SyncStatus): { tone: string; text: string } {
  if (!s.configured) return { tone: 'badge-muted', text: 'Not configured' };
  if (!s.enabled) return { tone: 'badge-muted', text: 'Paused' };
  if (s.lastError && (!s.lastSuccessAt || (s.lastErrorAt ?? 0) > s.lastSuccessAt)) return { tone: 'badge-down', text: 'Failing' };
  if (s.queuedSamples > 0) return { tone: 'badge-warn', text: 'Catching up' };
  return { tone: 'badge-ok', text: 'Up to date' };
}

/** The live state of the push: what waits, what went through, what failed and why. */
function SyncStatusBlock() {
  const { status, statusError, loadStatus, retryDead } = useSyncStore();
  const [retry, setRetry] = useState<{ ok: boolean; message: string }>();
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    const refresh = (): void => {
      if (document.visibilityState === 'visible') void loadStatus();
    };
    refresh();
    const timer = setInterval(refresh, STATUS_REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [loadStatus]);

  async function runRetry(): Promise<void> {
    setRetrying(true);
    setRetry(await retryDead());
    setRetrying(false);
  }

  const words = status ? statusWords(status) : undefined;
  return (
    <section className="card-body sync-status" aria-labelledby="sync-status-title" aria-busy={!status && !statusError}>
      <div className="sync-status-head">
        <h3 id="sync-status-title">Sync status</h3>
        {words ? <span className={`badge ${words.tone}`}>{words.text}</span> : null}
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-small" onClick={() => void loadStatus()}>
          Refresh status
        </button>
      </div>
      {statusError ? <Banner tone="error">Could not read the sync status: {statusError}</Banner> : null}
      {!status ? (
        !statusError ? <p className="muted">Loading…</p> : null
      ) : !status.configured ? (
        <p className="muted">No VictoriaMetrics target yet: samples are kept locally only. Save a URL above to start pushing them, history included.</p>
      ) : (
        <>
          <dl className="identity" aria-label="Sync status">
            <div>
              <dt>Queued samples</dt>
              <dd>
                {status.queuedSamples.toLocaleString()}
                {status.backfillRemaining > 0 ? ` (${status.backfillRemaining.toLocaleString()} of history still to backfill)` : ''}
              </dd>
            </div>
            <div>
              <dt>Last success</dt>
              <dd title={formatTime(status.lastSuccessAt)}>{status.lastSuccessAt ? formatAgo(status.lastSuccessAt) : 'Never'}</dd>
            </div>
            <div>
              <dt>Lag</dt>
              <dd>{status.queuedSamples === 0 ? 'None: nothing waits' : status.lagSec > 0 ? `${formatDuration(status.lagSec)} behind` : 'Live samples up to date; history still to push'}</dd>
            </div>
            <div>
              <dt>Pushed samples</dt>
              <dd>{status.pushedSamples.toLocaleString()}</dd>
            </div>
            {status.nextAttemptAt ? (
              <div>
                <dt>Next attempt</dt>
                <dd>{formatTime(status.nextAttemptAt)}</dd>
              </div>
            ) : null}
            <div className="sync-last-error">
              <dt>Last error</dt>
              <dd className={status.lastError ? 'result-bad' : undefined}>
                {status.lastError ?? 'None'}
                {status.lastError && status.lastErrorAt ? <span className="muted"> ({formatAgo(status.lastErrorAt)})</span> : null}
              </dd>
            </div>
          </dl>
          {status.deadBatches > 0 ? (
            <Banner
              tone="warning"
              action={
                <button type="button" className="btn btn-small" onClick={() => void runRetry()} disabled={retrying} aria-busy={retrying}>
                  Retry dead batches
                </button>
              }
            >
              {plural(status.deadBatches, 'batch', 'batches')} ({plural(status.deadSamples, 'sample')}) were rejected by the server and are kept back.
              {status.lastRejection ? ` Last rejection: ${status.lastRejection}` : ''}
            </Banner>
          ) : (
            <p className="muted">No dead batches: nothing was rejected by the server.</p>
          )}
          {retry ? (
            <p className={retry.ok ? 'result-ok' : 'result-bad'} role="status">
              {retry.message}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Pushing the local samples to a VictoriaMetrics server (history first, then live). */
export function SyncSection() {
  const { config, error, load } = useSyncStore();
  const [result, setResult] = useState<TestResult>();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="sync-title">
      <div className="card-header">
        <div>
          <h2 id="sync-title" className="card-title">
            VictoriaMetrics sync
          </h2>
          <p className="card-subtitle">Every sample is kept locally and also pushed to VictoriaMetrics, surviving outages and restarts. Passwords and tokens are stored encrypted and never shown again.</p>
        </div>
      </div>
      {error ? <Banner tone="error">Could not load the sync settings: {error}</Banner> : null}
      {config ? <SyncForm key={config.updatedAt ?? 0} config={config} result={result} setResult={setResult} /> : !error ? <p className="card-body muted">Loading…</p> : null}
      <SyncStatusBlock />
    </section>
  );
}
