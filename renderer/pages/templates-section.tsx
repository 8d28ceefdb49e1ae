import { useState } from 'react';
import { DeleteButton, EditButton } from '../components/row-action-buttons.tsx';
import type { Template } from '../../main/api/templates.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCan } from '../stores/session-store.ts';
import { useTemplatesStore, type TemplateSummary } from '../stores/templates-store.ts';
import { TemplateDialog } from './template-dialog.tsx';
import { TemplateTestDialog } from './template-test-dialog.tsx';
import { ZabbixImportDialog } from './zabbix-import-dialog.tsx';

type DialogState = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; template: Template } | { kind: 'import' } | { kind: 'test'; template: TemplateSummary };

/** Monitoring templates: built-ins are read-only (duplicate one, then edit the copy). */
export function TemplatesSection() {
  const { items, loaded, error, get, duplicate, remove } = useTemplatesStore();
  const status = useConnectionStore((s) => s.status);
  const mayImport = useCan('templates.import');
  const mayCreate = useCan('templates.create');
  const mayTest = useCan('templates.test');
  const mayDuplicate = useCan('templates.duplicate');
  const mayEdit = useCan('templates.update');
  const mayDelete = useCan('templates.delete');
  const [problem, setProblem] = useState<string>();
  const [deleting, setDeleting] = useState<TemplateSummary>();
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [opening, setOpening] = useState<string>();

  async function edit(id: string): Promise<void> {
    setOpening(id);
    const r = await get(id);
    setOpening(undefined);
    if (r.ok) {
      setProblem(undefined);
      setDialog({ kind: 'edit', template: r.template });
    } else setProblem(`Could not open the template: ${r.message}`);
  }

  async function copy(t: TemplateSummary): Promise<void> {
    setOpening(t.id);
    const r = await duplicate(t.id, `${t.name} (copy)`);
    setOpening(undefined);
    if (r.ok) {
      setProblem(undefined);
      // The copy is the user's: open it for editing straight away.
      setDialog({ kind: 'edit', template: r.template });
    } else setProblem(`Could not duplicate ${t.name}: ${r.message}`);
  }

  return (
    <section className="card" aria-labelledby="templates-title">
      <div className="card-header">
        <div>
          <h2 id="templates-title" className="card-title">
            Monitoring templates
          </h2>
          <p className="card-subtitle">What is polled on each kind of device. Built-in templates are read-only: duplicate one, then edit the copy.</p>
        </div>
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'import' })} disabled={status !== 'ready' || !mayImport.allowed} title={mayImport.reason}>
            Import Zabbix template
          </button>
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'new' })} disabled={status !== 'ready' || !mayCreate.allowed} title={mayCreate.reason}>
            <PlusIcon />
            New template
          </button>
        </div>
      </div>
      {error ? <Banner tone="error">Could not load the templates: {error}</Banner> : null}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {!loaded ? (
        !error ? <p className="card-body muted">Loading…</p> : null
      ) : items.length === 0 ? (
        <p className="card-body muted">No templates: the built-in ones ship with WARD FLUX, so the engine may not have loaded them yet.</p>
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
                      <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'test', template: t })} disabled={status !== 'ready' || !mayTest.allowed} title={mayTest.reason} aria-label={`Test ${t.name} against a device`}>
                        Test
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => void copy(t)} disabled={opening !== undefined || !mayDuplicate.allowed} title={mayDuplicate.reason} aria-busy={opening === t.id} aria-label={`Duplicate ${t.name}`}>
                        Duplicate
                      </button>
                      {!t.builtIn ? (
                        <>
                          <EditButton label={`Edit template ${t.name}`} onClick={() => void edit(t.id)} disabled={opening !== undefined || !mayEdit.allowed} {...(mayEdit.reason ? { title: mayEdit.reason } : {})} />
                          <DeleteButton label={`Delete template ${t.name}`} onClick={() => setDeleting(t)} disabled={!mayDelete.allowed} {...(mayDelete.reason ? { title: mayDelete.reason } : {})} />
                        </>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog.kind === 'new' ? <TemplateDialog onClose={() => setDialog({ kind: 'none' })} /> : null}
      {dialog.kind === 'import' ? <ZabbixImportDialog onClose={() => setDialog({ kind: 'none' })} /> : null}
      {dialog.kind === 'test' ? <TemplateTestDialog template={dialog.template} onClose={() => setDialog({ kind: 'none' })} /> : null}
      {dialog.kind === 'edit' ? <TemplateDialog key={dialog.template.id} template={dialog.template} onClose={() => setDialog({ kind: 'none' })} /> : null}
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
