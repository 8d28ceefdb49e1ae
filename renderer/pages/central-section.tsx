import { useEffect, useState, type FormEvent } from 'react';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { formatTime } from '../lib/format.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useCentralStore, type CentralTarget } from '../stores/central-store.ts';

function SecretState({ set }: { set: boolean }) {
  return <span className={`badge ${set ? 'badge-ok' : 'badge-muted'}`}>{set ? 'set' : 'not set'}</span>;
}

function CentralForm({ target, saved, setSaved }: { target: CentralTarget; saved: boolean; setSaved(saved: boolean): void }) {
  const save = useCentralStore((s) => s.save);
  const [url, setUrl] = useState(target.url);
  const [token, setToken] = useState('');
  const [enabled, setEnabled] = useState(target.url ? target.enabled : true);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const outcome = await save({ url, enabled, ...(token ? { token } : {}) });
    setBusy(false);
    if (outcome.ok) {
      setToken('');
      setErrors(NO_ERRORS);
      setSaved(true);
    } else {
      setSaved(false);
      setErrors(outcome.errors);
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card-body" autoComplete="off" aria-label="Central server">
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
      <div className="form-grid">
        <Field label="Central URL" error={errors.fields.url} hint="e.g. https://central.example.com:8300/">
          <input type="text" value={url} onChange={(e) => {
              setUrl(e.target.value);
              setSaved(false);
            }} spellCheck={false} className="mono" />
        </Field>
        <Field label="Central API token" error={errors.fields.token} hint={target.hasToken ? 'Leave empty to keep the stored token. Changing the URL requires entering it again.' : 'Create one on the central: wardflux token create'} aside={<SecretState set={target.hasToken} />}>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="new-password" spellCheck={false} />
        </Field>
      </div>
      <label className="check check-switch">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <span>Upload to the central</span>
      </label>
      <div className="form-actions">
        {saved ? (
          <span className="saved-note" role="status">
            Saved
          </span>
        ) : target.updatedAt ? (
          <span className="muted">Saved {formatTime(target.updatedAt)}</span>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          Save central server
        </button>
      </div>
    </form>
  );
}

/** The central WARD FLUX that reports, discovery results and inventories are uploaded to. */
export function CentralSection() {
  const { target, error, load } = useCentralStore();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="central-title">
      <div className="card-header">
        <div>
          <h2 id="central-title" className="card-title">
            Central server
          </h2>
          <p className="card-subtitle">Where reports, discovery results and inventories are uploaded. Uploads wait in the outbox while the central is out of reach. The token is stored encrypted and never shown again.</p>
        </div>
      </div>
      {error ? <Banner tone="error">Could not load the central server settings: {error}</Banner> : null}
      {target ? <CentralForm key={target.updatedAt ?? 0} target={target} saved={saved} setSaved={setSaved} /> : !error ? <p className="card-body muted">Loading…</p> : null}
    </section>
  );
}
