import { useState, type FormEvent } from 'react';
import type { Device } from '../../main/api/devices.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { useDevicesStore, type DeviceDraft } from '../stores/devices-store.ts';

interface DeviceDialogProps {
  /** The device to edit; none to add one. */
  device?: Device;
  onClose(): void;
}

function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Add or edit a device. The engine validates; its messages appear next to the fields. */
export function DeviceDialog({ device, onClose }: DeviceDialogProps) {
  const save = useDevicesStore((s) => s.save);
  const credentials = useCredentialsStore((s) => s.items);
  const [name, setName] = useState(device?.name ?? '');
  const [address, setAddress] = useState(device?.address ?? '');
  const [tags, setTags] = useState(device?.tags.join(', ') ?? '');
  const [notes, setNotes] = useState(device?.notes ?? '');
  const [enabled, setEnabled] = useState(device?.enabled ?? true);
  const [credentialIds, setCredentialIds] = useState<string[]>(device?.credentialIds ?? []);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  function toggleCredential(id: string, on: boolean): void {
    setCredentialIds((ids) => (on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const draft: DeviceDraft = { name, address, tags: splitTags(tags), notes, enabled, credentialIds };
    setBusy(true);
    const outcome = await save(draft, device?.id);
    setBusy(false);
    if (outcome.ok) return onClose();
    setErrors(outcome.errors);
    // Put the focus on the first field the engine complained about.
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const unknownIds = credentialIds.filter((id) => !credentials.some((c) => c.id === id));

  return (
    <Modal title={device ? `Edit ${device.name}` : 'Add device'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="modal-body">
          {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
          <div className="form-grid">
            <Field label="Name" error={errors.fields.name} required>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="off" placeholder="core-sw-01" />
            </Field>
            <Field label="Address" error={errors.fields.address} required hint="IPv4, IPv6 or host name">
              <input type="text" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" spellCheck={false} className="mono" placeholder="192.0.2.10" />
            </Field>
          </div>
          <Field label="Tags" error={errors.fields.tags} hint="Comma-separated, no spaces inside a tag: core, site-a">
            <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Notes" error={errors.fields.notes}>
            <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
          </Field>
          <fieldset className="fieldset" aria-describedby={errors.fields.credentialIds ? 'device-cred-error' : undefined}>
            <legend className="field-label">SNMP credentials</legend>
            {credentials.length === 0 ? (
              <p className="field-hint">
                No SNMP credentials yet. Add them under <a href="#/settings">Settings</a>.
              </p>
            ) : (
              <div className="check-list">
                {credentials.map((c) => (
                  <div key={c.id} className="check-chip">
                    <label className="check">
                      <input type="checkbox" checked={credentialIds.includes(c.id)} onChange={(e) => toggleCredential(c.id, e.target.checked)} />
                      <span>{c.name}</span>
                    </label>
                    <span className="badge badge-muted">v{c.version}</span>
                  </div>
                ))}
              </div>
            )}
            {unknownIds.length > 0 ? <p className="field-hint">{unknownIds.length} credential(s) no longer exist.</p> : null}
            {errors.fields.credentialIds ? (
              <p id="device-cred-error" className="field-error" role="alert">
                {errors.fields.credentialIds}
              </p>
            ) : null}
          </fieldset>
          <div className="check-row">
            <label className="check check-switch">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} aria-describedby="device-enabled-hint" />
              <span>Enabled</span>
            </label>
            <span id="device-enabled-hint" className="field-hint">
              Poll this device
            </span>
          </div>
        </div>
        <div className="modal-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
