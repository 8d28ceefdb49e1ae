import { useState } from 'react';
import { EditDeleteCell } from '../components/row-action-buttons.tsx';
import type { Credential } from '../../main/api/credentials.ts';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { KeyIcon, PlusIcon } from '../components/icons.tsx';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { CredentialDialog } from './credential-dialog.tsx';
import { CredentialTestDialog } from './credential-test-dialog.tsx';

type DialogState = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; credential: Credential } | { kind: 'delete'; credential: Credential } | { kind: 'test'; credential: Credential };

function secretSummary(c: Credential): string {
  if (c.version !== '3') return c.hasCommunity ? 'community set' : 'community not set';
  const parts: string[] = [c.securityLevel ?? 'noAuthNoPriv'];
  if (c.authProtocol) parts.push(`${c.authProtocol.toUpperCase()} ${c.hasAuthKey ? 'set' : 'not set'}`);
  if (c.privProtocol) parts.push(`${c.privProtocol.toUpperCase()} ${c.hasPrivKey ? 'set' : 'not set'}`);
  return parts.join(' · ');
}

/** SNMP credentials: metadata in a table, secrets only ever typed in. */
export function CredentialsSection() {
  const { items, loaded, error, remove } = useCredentialsStore();
  const status = useConnectionStore((s) => s.status);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const close = (): void => setDialog({ kind: 'none' });

  return (
    <section className="card" aria-labelledby="credentials-title">
      <div className="card-header">
        <div>
          <h2 id="credentials-title" className="card-title">
            SNMP credentials
          </h2>
          <p className="card-subtitle">Communities and v3 users are encrypted at rest and never shown again.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })} disabled={status !== 'ready'}>
          <PlusIcon />
          Add credential
        </button>
      </div>
      {error ? <Banner tone="error">Could not load the credentials: {error}</Banner> : null}
      {loaded && items.length === 0 ? (
        <EmptyState icon={<KeyIcon />} title="No SNMP credentials">
          <p>Add the communities or v3 users of this site, then pick them per device.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="SNMP credentials">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">User</th>
                <th scope="col">Secrets</th>
                <th scope="col">Used by</th>
                <th scope="col">
                  <span className="visually-hidden">Test</span>
                </th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td className="cell-strong">{c.name}</td>
                  <td>
                    <span className="badge badge-muted">v{c.version}</span>
                  </td>
                  <td className="mono">{c.username ?? <span className="muted">—</span>}</td>
                  <td className="cell-muted">{secretSummary(c)}</td>
                  <td>
                    {c.usedBy} {c.usedBy === 1 ? 'device' : 'devices'}
                  </td>
                  <td className="col-test">
                    <button type="button" className="btn btn-small" aria-label={`Test ${c.name} against a host`} onClick={() => setDialog({ kind: 'test', credential: c })} disabled={status !== 'ready'}>
                      Test
                    </button>
                  </td>
                  <EditDeleteCell editLabel={`Edit ${c.name}`} deleteLabel={`Delete ${c.name}`} onEdit={() => setDialog({ kind: 'edit', credential: c })} onDelete={() => setDialog({ kind: 'delete', credential: c })} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {dialog.kind === 'add' ? <CredentialDialog onClose={close} /> : null}
      {dialog.kind === 'edit' ? <CredentialDialog credential={dialog.credential} onClose={close} /> : null}
      {dialog.kind === 'test' ? <CredentialTestDialog credential={dialog.credential} onClose={close} /> : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete credential?"
          confirmLabel="Delete"
          onClose={close}
          onConfirm={async () => {
            const outcome = await remove(dialog.credential.id);
            return outcome.ok ? undefined : outcome.message;
          }}
        >
          <p>
            <strong>{dialog.credential.name}</strong> and its secrets will be deleted.
            {dialog.credential.usedBy > 0 ? ` ${dialog.credential.usedBy} device(s) still use it: remove it from them first.` : ''}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
