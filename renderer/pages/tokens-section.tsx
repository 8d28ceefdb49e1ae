import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TokenInfo } from '../../main/api/tokens.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Field } from '../components/field.tsx';
import { CopyIcon, KeyIcon, PlusIcon } from '../components/icons.tsx';
import { DeleteButton } from '../components/row-action-buttons.tsx';
import { useNow } from '../components/use-now.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { formatAgo, formatTime } from '../lib/format.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useTokensStore, type CreatedToken } from '../stores/tokens-store.ts';

/** "3 min ago" with the exact time as its tooltip; "never" for a token not used yet. */
function When({ ts, now }: { ts: number | null; now: number }) {
  if (ts === null) return <span className="muted">never</span>;
  return (
    <time dateTime={new Date(ts).toISOString()} title={formatTime(ts)}>
      {formatAgo(ts, now)}
    </time>
  );
}

/** Puts text on the clipboard; where the page may not (plain http to another machine), copies the selected field. */
async function copyText(text: string, input: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand('copy');
  }
}

/** The value of a token just created, shown this once, until dismissed. */
function CreatedTokenPanel({ created, onDismiss }: { created: CreatedToken; onDismiss(): void }) {
  const input = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<boolean>();
  return (
    <div className="token-once" role="region" aria-label="New API token">
      <p>
        <strong>Copy it now: it is not shown again.</strong> Only a hash of <strong>{created.info.name}</strong> is stored; if it is lost, revoke it and create another.
      </p>
      <Field label={`Value of ${created.info.name}`}>
        <textarea ref={input} className="mono token-value" rows={2} value={created.value} readOnly spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} autoFocus />
      </Field>
      <div className="token-once-actions">
        {copied !== undefined ? (
          <span className={copied ? 'saved-note' : 'muted'} role="status">
            {copied ? 'Copied' : 'Select the value and copy it by hand'}
          </span>
        ) : null}
        <button type="button" className="btn" onClick={() => void copyText(created.value, input.current).then(setCopied)}>
          <CopyIcon />
          Copy
        </button>
        <button type="button" className="btn btn-primary" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}

function CreateTokenForm({ disabled }: { disabled: boolean }) {
  const create = useTokensStore((s) => s.create);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const outcome = await create(name);
    setBusy(false);
    if (outcome.ok) {
      setName('');
      setErrors(NO_ERRORS);
    } else {
      setErrors(outcome.errors);
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off" aria-label="Create token" className="token-create-form">
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
      <div className="token-create">
        <Field label="Token name" error={errors.fields.name} hint="What it is for, e.g. backup-script or laptop-browser">
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} maxLength={100} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={disabled || busy} aria-busy={busy}>
          <PlusIcon />
          Create token
        </button>
      </div>
    </form>
  );
}

/** API tokens: for scripts and for browsers on other machines; a value is shown once, at creation. */
export function TokensSection() {
  const { items, loaded, error, created, load, revoke, dismissCreated } = useTokensStore();
  const ready = useConnectionStore((s) => s.status) === 'ready';
  const [revoking, setRevoking] = useState<TokenInfo>();
  const now = useNow(30_000);

  useEffect(() => {
    if (ready) void load();
  }, [ready, load]);
  // Leaving the page forgets a value not dismissed yet: it is shown once, never again.
  useEffect(() => () => useTokensStore.getState().dismissCreated(), []);

  return (
    <section className="card" aria-labelledby="tokens-title">
      <div className="card-header">
        <div>
          <h2 id="tokens-title" className="card-title">
            API tokens
          </h2>
          <p className="card-subtitle">
            For scripts (<code>Authorization: Bearer &lt;token&gt;</code>) and for signing in a browser on another machine. In the desktop app they matter only for <code>wardflux serve</code>.
          </p>
        </div>
      </div>
      <div className="card-body">
        {created ? <CreatedTokenPanel created={created} onDismiss={dismissCreated} /> : null}
        <CreateTokenForm disabled={!ready} />
      </div>
      {error ? <Banner tone="error">Could not load the API tokens: {error}</Banner> : null}
      {loaded && items.length === 0 ? (
        <EmptyState icon={<KeyIcon />} title="No API tokens">
          <p>Create one for a script, or to sign in a browser on another machine.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">User</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id}>
                  <td className="cell-strong token-name">{t.name}</td>
                  <td className="cell-muted">
                    <When ts={t.createdAt} now={now} />
                  </td>
                  <td className="cell-muted">
                    <When ts={t.lastUsedAt} now={now} />
                  </td>
                  <td>{t.user}</td>
                  <td className="col-actions">
                    <div className="row-actions">
                      <DeleteButton label={`Revoke ${t.name}`} title="Revoke" onClick={() => setRevoking(t)} disabled={!ready} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title="Revoke token?"
          confirmLabel="Revoke"
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            const outcome = await revoke(revoking.id);
            return outcome.ok ? undefined : outcome.message;
          }}
        >
          <p>
            <strong>{revoking.name}</strong> will be revoked. Scripts and browsers signed in with it stop working at once.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
