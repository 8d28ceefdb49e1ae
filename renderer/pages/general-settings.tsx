import { useState, type FormEvent } from 'react';
import type { Settings } from '../../main/api/settings.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { MODE_EXPLANATIONS, MODE_LABELS, type MonitoringMode } from '../lib/zabbix-view.ts';
import { useSettingsStore } from '../stores/settings-store.ts';

const MODES: MonitoringMode[] = ['standalone', 'zabbix', 'hybrid'];

/** The form, mounted with the settings it edits (re-mounted when they change elsewhere). */
function GeneralSettingsForm({ settings, saved, setSaved }: { settings: Settings; saved: boolean; setSaved(saved: boolean): void }) {
  const save = useSettingsStore((s) => s.save);
  const [draft, setDraft] = useState(settings);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const dirty = (Object.keys(draft) as Array<keyof Settings>).some((k) => draft[k] !== settings[k]);

  function change<K extends keyof Settings>(key: K, value: Settings[K]): void {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const outcome = await save(draft);
    setBusy(false);
    // On success the store's new settings re-mount this form (see the key below) with the saved values.
    if (outcome.ok) setSaved(true);
    else setErrors(outcome.errors);
  }

  const numberValue = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card-body">
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
      <div className="form-grid">
        <Field label="Site name" error={errors.fields.siteName} hint="Printed on reports">
          <input type="text" value={draft.siteName} onChange={(e) => change('siteName', e.target.value)} />
        </Field>
        <Field label="Technician" error={errors.fields.technician}>
          <input type="text" value={draft.technician} onChange={(e) => change('technician', e.target.value)} />
        </Field>
      </div>
      <div className="form-grid form-grid-3">
        <Field label="Monitoring mode" error={errors.fields.monitoringMode} hint={MODE_EXPLANATIONS[draft.monitoringMode]}>
          <select value={draft.monitoringMode} onChange={(e) => change('monitoringMode', e.target.value as MonitoringMode)}>
            {MODES.map((m) => (
              <option key={m} value={m} title={MODE_EXPLANATIONS[m]}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="ICMP interval (s)" error={errors.fields.icmpIntervalSec}>
          <input type="number" min={5} max={3600} value={Number.isNaN(draft.icmpIntervalSec) ? '' : draft.icmpIntervalSec} onChange={(e) => change('icmpIntervalSec', numberValue(e.target.value))} />
        </Field>
        <Field label="SNMP interval (s)" error={errors.fields.snmpIntervalSec}>
          <input type="number" min={10} max={3600} value={Number.isNaN(draft.snmpIntervalSec) ? '' : draft.snmpIntervalSec} onChange={(e) => change('snmpIntervalSec', numberValue(e.target.value))} />
        </Field>
      </div>
      <div className="form-actions">
        {saved && !dirty ? (
          <span className="saved-note" role="status">
            Saved
          </span>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy || !dirty} aria-busy={busy}>
          Save settings
        </button>
      </div>
    </form>
  );
}

/** Engine-wide settings. */
export function GeneralSettings() {
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="general-title">
      <div className="card-header">
        <div>
          <h2 id="general-title" className="card-title">
            General
          </h2>
          <p className="card-subtitle">Where you are, who you are, and how often devices are polled.</p>
        </div>
      </div>
      {error && !settings ? <Banner tone="error">Could not load the settings: {error}</Banner> : null}
      {settings ? <GeneralSettingsForm key={JSON.stringify(settings)} settings={settings} saved={saved} setSaved={setSaved} /> : !error ? <p className="card-body muted">Loading…</p> : null}
    </section>
  );
}
