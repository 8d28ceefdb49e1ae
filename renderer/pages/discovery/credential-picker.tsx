import { useMemo } from 'react';
import type { Credential } from '../../../main/api/credentials.ts';
import { LIMITS } from '../../lib/discovery.ts';

/** The SNMP credentials to try, in order: move up, move down, remove, add. */
export function CredentialPicker({ ids, credentials, onChange, error }: { ids: string[]; credentials: Credential[]; onChange(ids: string[]): void; error?: string | undefined }) {
  const byId = useMemo(() => new Map(credentials.map((c) => [c.id, c])), [credentials]);
  const rest = credentials.filter((c) => !ids.includes(c.id));
  const label = (c: Credential | undefined): string => (c ? `${c.name} (${c.version === '3' ? 'v3' : `v${c.version}`})` : 'Deleted credential');
  const move = (i: number, d: number): void => {
    const next = [...ids];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset className="fieldset" aria-describedby={error ? 'cred-error' : 'cred-hint'}>
      <legend className="field-label">SNMP credentials to try</legend>
      {credentials.length === 0 ? (
        <p className="field-hint" id="cred-hint">
          No SNMP credentials yet: hosts are found but not identified by SNMP. <a href="#/settings">Add one in Settings</a>.
        </p>
      ) : (
        <>
          {ids.length > 0 ? (
            <ol className="cred-order" aria-label="Credentials, in the order they are tried">
              {ids.map((id, i) => {
                const name = label(byId.get(id));
                return (
                  <li key={id} className="cred-item">
                    <span className="cred-rank" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="cred-name">{name}</span>
                    <button type="button" className="btn-icon btn-icon-small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Try ${name} earlier`} title="Try earlier">
                      ↑
                    </button>
                    <button type="button" className="btn-icon btn-icon-small" onClick={() => move(i, 1)} disabled={i === ids.length - 1} aria-label={`Try ${name} later`} title="Try later">
                      ↓
                    </button>
                    <button type="button" className="btn-icon btn-icon-small btn-icon-danger" onClick={() => onChange(ids.filter((x) => x !== id))} aria-label={`Do not try ${name}`} title="Remove">
                      ×
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : null}
          {rest.length > 0 && ids.length < LIMITS.maxCredentials ? (
            <select className="select-small cred-add" value="" onChange={(e) => e.target.value && onChange([...ids, e.target.value])} aria-label="Add a credential to try">
              <option value="">{ids.length ? 'Add another credential…' : 'Add a credential…'}</option>
              {rest.map((c) => (
                <option key={c.id} value={c.id}>
                  {label(c)}
                </option>
              ))}
            </select>
          ) : null}
          {error ? (
            <p className="field-error" id="cred-error" role="alert">
              {error}
            </p>
          ) : (
            <p className="field-hint" id="cred-hint">
              {ids.length === 0 ? 'None: SNMP is skipped, hosts are classified by ports and MAC only.' : 'Tried on every live host in this order; the first that answers wins.'}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
