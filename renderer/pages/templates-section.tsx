import { useState } from 'react';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { TrashIcon } from '../components/icons.tsx';
import { useTemplatesStore, type TemplateSummary } from '../stores/templates-store.ts';

/** Monitoring templates: built-ins are read-only (duplicate one to change it). */
export function TemplatesSection() {
  const { items, loaded, error, duplicate, remove } = useTemplatesStore();
  const [problem, setProblem] = useState<string>();
  const [deleting, setDeleting] = useState<TemplateSummary>();
  return (
    <section className="card" aria-labelledby="templates-title">
      <div className="card-header">
        <div>
          <h2 id="templates-title" className="card-title">
            Monitoring templates
          </h2>
          <p className="card-subtitle">What is polled on each kind of device. Built-in templates are read-only: duplicate one to adapt it.</p>
        </div>
      </div>
      {error ? <Banner tone="error">Could not load the templates: {error}</Banner> : null}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {!loaded ? (
        <p className="card-body muted">Loading…</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Monitoring templates">
            <thead>
              <tr>
                <th scope="col">Template</th>
                <th scope="col">Vendor</th>
                <th scope="col" className="num">Items</th>
                <th scope="col" className="num">Devices</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id}>
                  <td className="cell-strong cell-notes" title={t.description}>
                    {t.name} {t.builtIn ? <span className="badge badge-muted">Built-in</span> : null}
                  </td>
                  <td className="cell-muted">{t.vendor ?? '—'}</td>
                  <td className="num">
                    {t.itemCount}
                    {t.tableCount > 0 ? ` + ${t.tableCount} tables` : ''}
                  </td>
                  <td className="num">{t.deviceCount}</td>
                  <td className="col-actions">
                    <div className="row-actions">
                      <button type="button" className="btn btn-small" onClick={() => void duplicate(t.id, `${t.name} (copy)`).then(setProblem)} aria-label={`Duplicate ${t.name}`}>
                        Duplicate
                      </button>
                      {!t.builtIn ? (
                        <button type="button" className="btn-icon btn-icon-danger" onClick={() => setDeleting(t)} aria-label={`Delete template ${t.name}`} title="Delete">
                          <TrashIcon />
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting ? (
        <ConfirmDialog title="Delete template?" confirmLabel="Delete" onClose={() => setDeleting(undefined)} onConfirm={() => remove(deleting.id)}>
          <p>
            <strong>{deleting.name}</strong> will be deleted.{deleting.deviceCount > 0 ? ` ${deleting.deviceCount} device(s) use it: remove it from them first.` : ''}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
