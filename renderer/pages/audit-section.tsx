import { useEffect, useState } from 'react';
import { Banner } from '../components/banner.tsx';
import { useAuditStore } from '../stores/audit-store.ts';
import { useConnectionStore } from '../stores/connection-store.ts';

const OUTCOMES = [
  { value: '', label: 'Any outcome' },
  { value: 'ok', label: 'Allowed' },
  { value: 'refused', label: 'Refused' },
  { value: 'failed', label: 'Failed' },
] as const;

/** Settings > Audit: who did what (state-changing and refused calls, sign-ins), filtered, exported, kept for the retention. */
export function AuditSection() {
  const ready = useConnectionStore((s) => s.status === 'ready');
  const { items, total, loaded, error, filter, retentionDays, setFilter, load, exportAs, setRetention } = useAuditStore();
  // The draft of the retention; undefined: show the saved value.
  const [draft, setDraft] = useState<string>();
  const days = draft ?? (retentionDays === undefined ? '' : String(retentionDays));
  const setDays = setDraft;
  const [daysError, setDaysError] = useState<string>();
  useEffect(() => {
    if (ready) void load();
  }, [ready, load]);

  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="card-header">
        <div>
          <h2 id="audit-title" className="card-title">
            Audit
          </h2>
          <p className="card-subtitle">Every change and every refused call, and each sign-in: who, what, on which ids, from where. Never a value or a secret.</p>
        </div>
      </div>
      <div className="card-body">
        <div className="filters" role="group" aria-label="Audit filters">
          <input aria-label="User" placeholder="User" value={filter.user ?? ''} onChange={(e) => setFilter({ user: e.target.value })} />
          <input aria-label="Procedure" placeholder="Procedure (e.g. devices.)" value={filter.procedure ?? ''} onChange={(e) => setFilter({ procedure: e.target.value })} />
          <select aria-label="Outcome" value={filter.outcome ?? ''} onChange={(e) => setFilter({ outcome: (e.target.value || undefined) as 'ok' | 'refused' | 'failed' | undefined })}>
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <input
            aria-label="Since"
            type="date"
            value={filter.since === undefined ? '' : new Date(filter.since).toISOString().slice(0, 10)}
            onChange={(e) => setFilter({ since: e.target.value ? Date.parse(e.target.value) : undefined })}
          />
          <button type="button" className="btn" onClick={() => void exportAs('csv')} disabled={!ready}>
            Export CSV
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('json')} disabled={!ready}>
            Export JSON
          </button>
        </div>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void setRetention(Number(days)).then((problem) => {
              setDaysError(problem);
              if (!problem) setDraft(undefined);
            });
          }}
        >
          <label>
            Keep entries for{' '}
            <input aria-label="Audit retention (days)" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} size={5} aria-invalid={daysError ? true : undefined} /> days
          </label>
          <button type="submit" className="btn" disabled={!ready || days === String(retentionDays)}>
            Save
          </button>
          {daysError ? <span className="field-error">{daysError}</span> : null}
        </form>
      </div>
      {error ? <Banner tone="error">Could not load the audit log: {error}</Banner> : null}
      {loaded && items.length === 0 && !error ? <p className="muted card-body">No entries match.</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Procedure</th>
                <th scope="col">Outcome</th>
                <th scope="col">Ids</th>
                <th scope="col">Fields</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td className="cell-muted">
                    <time dateTime={new Date(r.at).toISOString()}>{new Date(r.at).toLocaleString()}</time>
                  </td>
                  <td>
                    {r.user} <span className="cell-muted">({r.role})</span>
                  </td>
                  <td className="cell-strong">{r.procedure}</td>
                  <td>{r.outcome}</td>
                  <td className="cell-muted">{r.ids.join(', ')}</td>
                  <td className="cell-muted">{r.fields.join(', ')}</td>
                  <td className="cell-muted">
                    {r.transport}
                    {r.remote ? ` ${r.remote}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > items.length ? <p className="muted card-body">The newest {items.length} of {total}; narrow the filters or export for the rest.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
