import { useEffect, useState, type FormEvent } from 'react';
import type { RetentionDays } from '../../main/api/metrics.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useRetentionStore } from '../stores/retention-store.ts';

type Draft = Record<keyof RetentionDays, string>;
const toDraft = (r: RetentionDays): Draft => ({ rawDays: String(r.rawDays), fiveMinuteDays: String(r.fiveMinuteDays), hourDays: String(r.hourDays) });
const days = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function RetentionForm({ retention, saved, setSaved }: { retention: RetentionDays; saved: boolean; setSaved(saved: boolean): void }) {
  const save = useRetentionStore((s) => s.save);
  const [draft, setDraft] = useState<Draft>(() => toDraft(retention));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const dirty = (Object.keys(draft) as Array<keyof RetentionDays>).some((k) => days(draft[k]) !== retention[k]);

  function change(key: keyof RetentionDays, value: string): void {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    // Only what changed: an unchanged value is never re-validated against a newer limit.
    const patch: Partial<RetentionDays> = {};
    for (const k of Object.keys(draft) as Array<keyof RetentionDays>) if (days(draft[k]) !== retention[k]) patch[k] = days(draft[k]);
    const outcome = await save(patch);
    setBusy(false);
    if (outcome.ok) {
      setErrors(NO_ERRORS);
      setSaved(true);
    } else {
      setErrors(outcome.errors);
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card-body" aria-label="Data retention">
      {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
      <div className="form-grid form-grid-3">
        <Field label="Raw samples (days)" error={errors.fields.rawDays} hint="1 to 90 days">
          <input type="number" min={1} max={90} step={1} value={draft.rawDays} onChange={(e) => change('rawDays', e.target.value)} />
        </Field>
        <Field label="5-minute rollups (days)" error={errors.fields.fiveMinuteDays} hint="7 to 730 days">
          <input type="number" min={7} max={730} step={1} value={draft.fiveMinuteDays} onChange={(e) => change('fiveMinuteDays', e.target.value)} />
        </Field>
        <Field label="1-hour rollups (days)" error={errors.fields.hourDays} hint="30 to 3650 days">
          <input type="number" min={30} max={3650} step={1} value={draft.hourDays} onChange={(e) => change('hourDays', e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        {saved && !dirty ? (
          <span className="saved-note" role="status">
            Saved
          </span>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy || !dirty} aria-busy={busy}>
          Save retention
        </button>
      </div>
    </form>
  );
}

/** How long the local store keeps raw samples and their 5-minute and 1-hour rollups. */
export function RetentionSection() {
  const { retention, error, load } = useRetentionStore();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="retention-title">
      <div className="card-header">
        <div>
          <h2 id="retention-title" className="card-title">
            Data retention
          </h2>
          <p className="card-subtitle">Older samples are deleted; graphs of long ranges use the rollups. Shorter raw retention keeps the database small.</p>
        </div>
      </div>
      {error ? <Banner tone="error">Could not load the retention settings: {error}</Banner> : null}
      {retention ? <RetentionForm key={JSON.stringify(retention)} retention={retention} saved={saved} setSaved={setSaved} /> : !error ? <p className="card-body muted">Loading…</p> : null}
    </section>
  );
}
