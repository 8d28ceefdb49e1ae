import { useState } from 'react';
import type { ImportReport } from '../../main/api/template-import.ts';
import { Banner } from '../components/banner.tsx';
import { Modal } from '../components/modal.tsx';
import { useTemplatesStore } from '../stores/templates-store.ts';

/** Settings > Templates > Import Zabbix template: a YAML/XML export in, the report of what was and was not mapped out. */
export function ZabbixImportDialog({ onClose }: { onClose(): void }) {
  const importZabbix = useTemplatesStore((s) => s.importZabbix);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();

  async function pick(file: File | undefined): Promise<void> {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    const r = await importZabbix(await file.text());
    setBusy(false);
    if (r.ok) setReport(r.report);
    else setError(r.message);
  }

  return (
    <Modal title="Import Zabbix template" onClose={onClose} size="large">
      <div className="modal-body">
        <p className="muted">A template exported from Zabbix 6.0 or later (YAML or XML). SNMP items, discovery rules over SNMP tables and simple triggers are imported; everything else is listed with the reason.</p>
        <label className="btn" aria-busy={busy}>
          Choose file…
          <input type="file" accept=".yaml,.yml,.xml" className="visually-hidden" aria-label="Zabbix export file" disabled={busy} onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        {error ? <Banner tone="error">{error}</Banner> : null}
        {report ? <ImportReportView report={report} /> : null}
      </div>
      <div className="modal-footer">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" aria-label="Import report">
      <p className="muted">
        Zabbix {report.zabbixVersion} export ({report.format.toUpperCase()})
      </p>
      {report.templates.map((t) => (
        <section key={t.zabbixName} aria-label={`Report for ${t.zabbixName}`}>
          {t.stored ? (
            <Banner tone="info">
              Imported “{t.name}”: {t.counts.items} items, {t.counts.tables} tables ({t.counts.columns} columns), {t.counts.alerts} alert rules.
            </Banner>
          ) : (
            <Banner tone="error">
              “{t.zabbixName}” was not imported: {t.error}
            </Banner>
          )}
          <h3 className="card-title">Not mapped ({t.notMapped.length})</h3>
          {t.notMapped.length === 0 ? (
            <p className="muted">Everything was mapped.</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="Not mapped">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">Name</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {t.notMapped.map((n, i) => (
                    <tr key={`${n.kind}-${n.name}-${i}`}>
                      <td className="cell-muted">{n.kind}</td>
                      <td className="cell-strong">{n.name}</td>
                      <td style={{ whiteSpace: 'normal' }}>{n.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {t.alerts.length ? (
            <>
              <h3 className="card-title">Alert rules ({t.alerts.length})</h3>
              <ul>
                {t.alerts.map((a) => (
                  <li key={a.name}>
                    {a.name} <span className="badge badge-muted">{a.severity}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {t.notes.length ? (
            <details>
              <summary>Adapted ({t.notes.length})</summary>
              <ul>
                {t.notes.map((n, i) => (
                  <li key={i}>
                    {n.name}: {n.note}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
    </div>
  );
}
