import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { DeleteButton } from '../components/row-action-buttons.tsx';
import type { MaintenanceWindow, Scope } from '../../main/api/alerts.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Field } from '../components/field.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { Modal } from '../components/modal.tsx';
import { describeScope, ScopeFields } from '../components/scope-fields.tsx';
import { formatTime } from '../lib/format.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { fromLocalInput, toLocalInput } from '../lib/time-range.ts';
import { useAlertsStore } from '../stores/alerts-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';

function WindowDialog({ onClose }: { onClose(): void }) {
  const createWindow = useAlertsStore((s) => s.createWindow);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'once' | 'recurring'>('once');
  const [startsAt, setStartsAt] = useState(() => toLocalInput(Date.now()));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(Date.now() + 2 * 3600_000));
  const [cron, setCron] = useState('0 22 * * 6');
  const [durationMin, setDurationMin] = useState('120');
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [scope, setScope] = useState<Scope>({ type: 'all' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const start = fromLocalInput(startsAt);
    const end = fromLocalInput(endsAt);
    if (kind === 'once' && (start === undefined || end === undefined || end <= start)) {
      return setErrors({ fields: { schedule: 'The end must be after the start.' } });
    }
    setBusy(true);
    const schedule =
      kind === 'once'
        ? { kind, startsAt: start!, endsAt: end! }
        : { kind, cron, durationMin: durationMin.trim() === '' ? Number.NaN : Number(durationMin), timezone };
    const outcome = await createWindow({ name, scope, schedule });
    setBusy(false);
    if (outcome.ok) onClose();
    else setErrors(outcome.errors);
  }

  return (
    <Modal title="New maintenance window" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="modal-body">
          {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
          <div className="form-grid">
            <Field label="Window name" error={errors.fields.name} required>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus placeholder="Saturday firmware updates" />
            </Field>
            <Field label="When">
              <select value={kind} onChange={(e) => setKind(e.target.value as 'once' | 'recurring')}>
                <option value="once">Once</option>
                <option value="recurring">Recurring (cron)</option>
              </select>
            </Field>
          </div>
          {kind === 'once' ? (
            <div className="form-grid">
              <Field label="Starts" error={errors.fields.schedule}>
                <input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
              </Field>
              <Field label="Ends">
                <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
              </Field>
            </div>
          ) : (
            <div className="form-grid form-grid-3">
              <Field label="Cron (min hour day month weekday)" error={errors.fields.schedule} hint="0 22 * * 6 = Saturdays at 22:00">
                <input type="text" value={cron} onChange={(e) => setCron(e.target.value)} className="mono" spellCheck={false} />
              </Field>
              <Field label="Lasts (minutes)">
                <input type="number" value={durationMin} onChange={(e) => setDurationMin(e.target.value)} min={1} />
              </Field>
              <Field label="Time zone">
                <input type="text" value={timezone} onChange={(e) => setTimezone(e.target.value)} spellCheck={false} />
              </Field>
            </div>
          )}
          <ScopeFields scope={scope} onChange={setScope} error={errors.fields.scope} />
          <p className="field-hint">Alerts still appear during a window, but nobody is notified about them.</p>
        </div>
        <div className="modal-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            Save window
          </button>
        </div>
      </form>
    </Modal>
  );
}

function describeSchedule(w: MaintenanceWindow): string {
  const s = w.schedule;
  return s.kind === 'once' ? `${formatTime(s.startsAt)} → ${formatTime(s.endsAt)}` : `${s.cron} (${s.timezone}) for ${s.durationMin} min`;
}

/** Maintenance windows: when alerts are not notified. */
export function MaintenanceSection() {
  const { windows, windowsLoaded, loadWindows, setWindowEnabled, deleteWindow } = useAlertsStore();
  const devices = useDevicesStore((s) => s.items);
  const names = useMemo(() => new Map(devices.map((d) => [d.id, d.name])), [devices]);
  const [dialog, setDialog] = useState<{ kind: 'none' } | { kind: 'new' } | { kind: 'delete'; window: MaintenanceWindow }>({ kind: 'none' });
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    void loadWindows();
  }, [loadWindows]);
  const close = (): void => setDialog({ kind: 'none' });
  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">During a window, alerts of its devices are recorded but not notified.</span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>
          <PlusIcon /> New window
        </button>
      </div>
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {!windowsLoaded ? null : windows.length === 0 ? (
        <EmptyState title="No maintenance windows">
          <p>Plan one before a firmware update or a power cut, so nobody is woken up for it.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Maintenance windows">
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">Schedule</th>
                <th scope="col">Applies to</th>
                <th scope="col">Now</th>
                <th scope="col">Enabled</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {windows.map((w) => (
                <tr key={w.id}>
                  <td className="cell-strong">{w.name}</td>
                  <td className="cell-muted">{describeSchedule(w)}</td>
                  <td className="cell-muted">{describeScope(w.scope, (id) => names.get(id))}</td>
                  <td>{w.active ? <span className="badge badge-warn">In force</span> : <span className="muted">—</span>}</td>
                  <td>
                    <label className="check">
                      <input type="checkbox" checked={w.enabled} onChange={(e) => void setWindowEnabled(w.id, e.target.checked).then(setProblem)} aria-label={`${w.name} enabled`} />
                    </label>
                  </td>
                  <td className="col-actions">
                    <DeleteButton label={`Delete window ${w.name}`} onClick={() => setDialog({ kind: 'delete', window: w })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog.kind === 'new' ? <WindowDialog onClose={close} /> : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog title="Delete maintenance window?" confirmLabel="Delete" onClose={close} onConfirm={() => deleteWindow(dialog.window.id)}>
          <p>
            <strong>{dialog.window.name}</strong> will be deleted.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
