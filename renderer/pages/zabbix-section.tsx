import { useEffect, useState, type FormEvent } from 'react';
import type { ZabbixConfig } from '../../main/api/zabbix.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { ZabbixMirrorStatus } from '../components/zabbix-mirror-status.tsx';
import { formatTime } from '../lib/format.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useZabbixStore } from '../stores/zabbix-store.ts';

function SecretState({ set }: { set: boolean }) {
  return <span className={`badge ${set ? 'badge-ok' : 'badge-muted'}`}>{set ? 'set' : 'not set'}</span>;
}

/** Mounted with the config it edits; re-mounted after a save (so `saved` carries the news across). */
function ZabbixForm({ config, saved, onSaved }: { config: ZabbixConfig; saved: boolean; onSaved(): void }) {
  const { save, test } = useZabbixStore();
  const [url, setUrl] = useState(config.url);
  const [authMethod, setAuthMethod] = useState(config.authMethod);
  const [token, setToken] = useState('');
  const [username, setUsername] = useState(config.username);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [ownResult, setResult] = useState<{ ok: boolean; message: string }>();
  const result = ownResult ?? (saved ? { ok: true, message: 'Saved.' } : undefined);
  const [busy, setBusy] = useState<'save' | 'test'>();

  const secrets = authMethod === 'token' ? (token ? { token } : {}) : { username, ...(password ? { password } : {}) };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy('save');
    const outcome = await save({ url, authMethod, ...secrets });
    setBusy(undefined);
    setErrors(outcome.ok ? NO_ERRORS : outcome.errors);
    if (outcome.ok) {
      setToken('');
      setPassword('');
      setResult({ ok: true, message: 'Saved.' });
      onSaved();
    } else setResult(undefined);
  }

  async function runTest(): Promise<void> {
    setBusy('test');
    setResult({ ok: true, message: 'Connecting…' });
    setResult(await test({ ...(url ? { url } : {}), authMethod, ...secrets }));
    setBusy(undefined);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card-body" autoComplete="off">
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
      <div className="form-grid">
        <Field label="Zabbix URL" error={errors.fields.url} hint="The frontend address, e.g. http://zabbix.example.com/zabbix">
          <input type="text" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} className="mono" />
        </Field>
        <Field label="Sign in with" error={errors.fields.authMethod}>
          <select value={authMethod} onChange={(e) => setAuthMethod(e.target.value as ZabbixConfig['authMethod'])}>
            <option value="token">API token</option>
            <option value="password">User and password</option>
          </select>
        </Field>
      </div>
      {authMethod === 'token' ? (
        <Field label="API token" error={errors.fields.token} hint="Leave empty to keep the stored token. Changing the address requires entering it again." aside={<SecretState set={config.hasToken} />}>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="new-password" spellCheck={false} />
        </Field>
      ) : (
        <div className="form-grid">
          <Field label="User" error={errors.fields.username}>
            <input type="text" value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} />
          </Field>
          <Field label="Password" error={errors.fields.password} hint="Leave empty to keep the stored password. Changing the address requires entering it again." aside={<SecretState set={config.hasPassword} />}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </Field>
        </div>
      )}
      <div className="form-actions">
        {result ? (
          <span className={result.ok ? 'result-ok' : 'result-bad'} role="status">
            {result.message}
          </span>
        ) : config.serverVersion ? (
          <span className="muted">
            Last connected: Zabbix {config.serverVersion}
            {config.updatedAt ? `, settings saved ${formatTime(config.updatedAt)}` : ''}
          </span>
        ) : null}
        <button type="button" className="btn" onClick={() => void runTest()} disabled={busy !== undefined || !url.trim()} aria-busy={busy === 'test'}>
          Test connection
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy !== undefined} aria-busy={busy === 'save'}>
          Save Zabbix settings
        </button>
      </div>
    </form>
  );
}

/** The Zabbix server this engine reads (zabbix, hybrid modes) and pushes devices to. */
export function ZabbixSection() {
  const { config, error, load, loadStatus, status } = useZabbixStore();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void load();
    void loadStatus();
  }, [load, loadStatus]);
  return (
    <section className="card" aria-labelledby="zabbix-title">
      <div className="card-header">
        <div>
          <h2 id="zabbix-title" className="card-title">
            Zabbix connection
          </h2>
          <p className="card-subtitle">Used in Zabbix and hybrid modes, and to push devices. Tokens and passwords are stored encrypted and never shown again.</p>
        </div>
      </div>
      {error ? <Banner tone="error">Could not load the Zabbix settings: {error}</Banner> : null}
      <div className="card-body stack" aria-label="Zabbix mirror status" role="group">
        {status && status.mode !== 'standalone' ? (
          <ZabbixMirrorStatus />
        ) : (
          <p className="muted">Standalone mode: Zabbix is not read. Pick the Zabbix or hybrid mode under General to show its hosts and problems here.</p>
        )}
      </div>
      {config ? <ZabbixForm key={config.updatedAt ?? 0} config={config} saved={saved} onSaved={() => setSaved(true)} /> : !error ? <p className="card-body muted">Loading…</p> : null}
    </section>
  );
}
