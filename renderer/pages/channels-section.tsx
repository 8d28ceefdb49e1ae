import { useEffect, useState, type FormEvent } from 'react';
import { EditDeleteCell } from '../components/row-action-buttons.tsx';
import type { Channel } from '../../main/api/notifications.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Field } from '../components/field.tsx';
import { AlertsIcon, PlusIcon } from '../components/icons.tsx';
import { Modal } from '../components/modal.tsx';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useNotificationsStore, type ChannelCreate } from '../stores/notifications-store.ts';

type ChannelType = Channel['type'];
const TYPE_LABELS: Record<ChannelType, string> = { email: 'Email', webhook: 'Webhook', desktop: 'Desktop' };
const SEVERITY_OPTIONS = ['critical', 'major', 'minor', 'warning', 'info'] as const;

function SecretState({ set }: { set: boolean }) {
  return <span className={`badge ${set ? 'badge-ok' : 'badge-muted'}`}>{set ? 'set' : 'not set'}</span>;
}

const list = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Sub-field errors (email.host, webhook.url) arrive as "<sub>|<message>" and are shown next to their fields. */
function splitNested(errors: FormErrors): { top: FormErrors; nested: Record<string, string> } {
  const nested: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors.fields)) {
    if (k === 'email' || k === 'webhook') {
      const [sub, ...rest] = v.split('|');
      nested[rest.length > 0 ? sub! : 'other'] = rest.length > 0 ? rest.join('|') : v;
    } else fields[k] = v;
  }
  return { top: { ...errors, fields, ...(nested.other ? { banner: [errors.banner, nested.other].filter(Boolean).join('; ') } : {}) }, nested };
}

function ChannelDialog({ channel, onClose }: { channel?: Channel; onClose(): void }) {
  const { create, update } = useNotificationsStore();
  const [type, setType] = useState<ChannelType>(channel?.type ?? 'email');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [severities, setSeverities] = useState<string[]>(channel?.routing.severities ?? []);
  const [host, setHost] = useState(channel?.email?.host ?? '');
  const [port, setPort] = useState(String(channel?.email?.port ?? 587));
  const [security, setSecurity] = useState(channel?.email?.security ?? 'starttls');
  const [username, setUsername] = useState(channel?.email?.username ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(channel?.email?.from ?? '');
  const [to, setTo] = useState(channel?.email?.to.join(', ') ?? '');
  const [url, setUrl] = useState(channel?.webhook?.url ?? '');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [nested, setNested] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const routing = { severities: severities as (typeof SEVERITY_OPTIONS)[number][], tags: channel?.routing.tags ?? [], events: channel?.routing.events ?? ['firing', 'resolved'] };
    const email = { host, port: port.trim() === '' ? Number.NaN : Number(port), security, from, to: list(to), ...(username ? { username } : {}), ...(password ? { password } : {}) };
    const webhook = { url, ...(secret ? { secret } : {}) };
    let outcome;
    if (channel) {
      outcome = await update({ id: channel.id, name, enabled, routing, ...(type === 'email' ? { email } : type === 'webhook' ? { webhook } : {}) });
    } else {
      const common = { name, enabled, routing };
      const input: ChannelCreate = type === 'email' ? { type, ...common, email } : type === 'webhook' ? { type, ...common, webhook } : { type, ...common };
      outcome = await create(input);
    }
    setBusy(false);
    if (outcome.ok) return onClose();
    const split = splitNested(outcome.errors);
    setErrors(split.top);
    setNested(split.nested);
  }

  return (
    <Modal title={channel ? `Edit ${channel.name}` : 'New notification channel'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <div className="modal-body">
          {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
          <div className="form-grid">
            <Field label="Channel name" error={errors.fields.name} required>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus placeholder="On-call email" />
            </Field>
            <Field label="Type">
              <select value={type} onChange={(e) => setType(e.target.value as ChannelType)} disabled={channel !== undefined}>
                <option value="email">Email</option>
                <option value="webhook">Webhook</option>
                <option value="desktop">Desktop notification</option>
              </select>
            </Field>
          </div>
          {type === 'email' ? (
            <>
              <div className="form-grid form-grid-3">
                <Field label="SMTP server" error={nested.host} required>
                  <input type="text" value={host} onChange={(e) => setHost(e.target.value)} spellCheck={false} placeholder="smtp.example.com" />
                </Field>
                <Field label="Port" error={nested.port}>
                  <input type="number" value={port} onChange={(e) => setPort(e.target.value)} />
                </Field>
                <Field label="Security" error={nested.security}>
                  <select value={security} onChange={(e) => setSecurity(e.target.value as typeof security)}>
                    <option value="starttls">STARTTLS</option>
                    <option value="tls">TLS</option>
                    <option value="none">None (lab only)</option>
                  </select>
                </Field>
              </div>
              <div className="form-grid">
                <Field label="SMTP user" error={nested.username}>
                  <input type="text" value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} />
                </Field>
                <Field label="SMTP password" error={nested.password} hint={channel ? 'Leave empty to keep the stored password. Changing the server, port or security requires entering it again.' : undefined} aside={channel?.email ? <SecretState set={channel.email.hasPassword} /> : null}>
                  <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
                </Field>
              </div>
              <div className="form-grid">
                <Field label="From" error={nested.from} required>
                  <input type="text" value={from} onChange={(e) => setFrom(e.target.value)} spellCheck={false} placeholder="wardflux@example.com" />
                </Field>
                <Field label="To" error={nested.to} hint="Addresses separated by commas" required>
                  <input type="text" value={to} onChange={(e) => setTo(e.target.value)} spellCheck={false} />
                </Field>
              </div>
            </>
          ) : null}
          {type === 'webhook' ? (
            <div className="form-grid">
              <Field label="Webhook URL" error={nested.url} required>
                <input type="text" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} className="mono" placeholder="https://hooks.example.com/wardflux" />
              </Field>
              <Field label="Signing secret" error={nested.secret} hint={channel ? 'Leave empty to keep the stored secret. Changing the URL drops it (and the headers): enter it again.' : 'Optional, at least 16 characters'} aside={channel?.webhook ? <SecretState set={channel.webhook.hasSecret} /> : null}>
                <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
              </Field>
            </div>
          ) : null}
          {type === 'desktop' ? <p className="field-hint">Shown by the desktop app as a system notification.</p> : null}
          <fieldset className="fieldset">
            <legend className="field-label">Severities (none ticked: all)</legend>
            <div className="check-list">
              {SEVERITY_OPTIONS.map((s) => (
                <label key={s} className="check check-chip">
                  <input type="checkbox" checked={severities.includes(s)} onChange={(e) => setSeverities((x) => (e.target.checked ? [...x, s] : x.filter((y) => y !== s)))} />
                  <span>{s}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="check check-switch">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <span>Enabled</span>
          </label>
        </div>
        <div className="modal-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            Save channel
          </button>
        </div>
      </form>
    </Modal>
  );
}

function target(c: Channel): string {
  if (c.email) return `${c.email.to.join(', ')} via ${c.email.host}`;
  if (c.webhook) return c.webhook.url;
  return 'This computer';
}

/** Where alerts are sent: email, webhook, desktop. Secrets are write-only. "Send test" says what happened. */
export function ChannelsSection() {
  const { channels, loaded, error, load, remove, test, tests } = useNotificationsStore();
  const [dialog, setDialog] = useState<{ kind: 'none' } | { kind: 'new' } | { kind: 'edit'; channel: Channel } | { kind: 'delete'; channel: Channel }>({ kind: 'none' });
  useEffect(() => {
    void load();
  }, [load]);
  const close = (): void => setDialog({ kind: 'none' });
  return (
    <section className="card" aria-labelledby="channels-title">
      <div className="card-header">
        <div>
          <h2 id="channels-title" className="card-title">
            Notification channels
          </h2>
          <p className="card-subtitle">Email and webhooks are queued while offline and delivered once a network is there.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>
          <PlusIcon /> Add channel
        </button>
      </div>
      {error ? <Banner tone="error">Could not load the channels: {error}</Banner> : null}
      {loaded && channels.length === 0 ? (
        <EmptyState icon={<AlertsIcon />} title="No notification channels">
          <p>Alerts show in WARD FLUX; add an email or webhook channel to be told elsewhere.</p>
        </EmptyState>
      ) : null}
      {channels.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Notification channels">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Type</th>
                <th scope="col">Sends to</th>
                <th scope="col">Test</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => {
                const t = tests[c.id];
                return (
                  <tr key={c.id}>
                    <td className="cell-strong">
                      {c.name} {c.enabled ? null : <span className="badge badge-muted">Off</span>}
                    </td>
                    <td>
                      <span className="badge badge-muted">{TYPE_LABELS[c.type]}</span>
                    </td>
                    <td className="cell-notes mono" title={target(c)}>
                      {target(c)}
                    </td>
                    <td className="cell-test">
                      <button type="button" className="btn btn-small" onClick={() => void test(c.id)} disabled={t?.busy} aria-label={`Send test through ${c.name}`}>
                        Send test
                      </button>{' '}
                      {t ? (
                        <span className={t.busy ? 'muted' : t.ok ? 'result-ok' : 'result-bad'} role="status">
                          {t.message}
                        </span>
                      ) : null}
                    </td>
                    <EditDeleteCell editLabel={`Edit channel ${c.name}`} deleteLabel={`Delete channel ${c.name}`} onEdit={() => setDialog({ kind: 'edit', channel: c })} onDelete={() => setDialog({ kind: 'delete', channel: c })} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {dialog.kind === 'new' ? <ChannelDialog onClose={close} /> : null}
      {dialog.kind === 'edit' ? <ChannelDialog channel={dialog.channel} onClose={close} /> : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog title="Delete channel?" confirmLabel="Delete" onClose={close} onConfirm={() => remove(dialog.channel.id)}>
          <p>
            <strong>{dialog.channel.name}</strong> will be deleted; messages still queued for it are dropped.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
