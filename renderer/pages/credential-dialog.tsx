import { useState, type FormEvent } from 'react';
import type { Credential } from '../../main/api/credentials.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useCredentialsStore, type CredentialCreate, type CredentialUpdate } from '../stores/credentials-store.ts';

type Version = Credential['version'];
type SecurityLevel = NonNullable<Credential['securityLevel']>;
type AuthProtocol = NonNullable<Credential['authProtocol']>;
type PrivProtocol = NonNullable<Credential['privProtocol']>;

const AUTH_PROTOCOLS: AuthProtocol[] = ['sha', 'sha224', 'sha256', 'sha384', 'sha512', 'md5'];
const PRIV_PROTOCOLS: Array<{ value: PrivProtocol; label: string }> = [
  { value: 'aes', label: 'AES-128' },
  { value: 'aes256b', label: 'AES-256 (Blumenthal)' },
  { value: 'aes256r', label: 'AES-256 (Reeder / Cisco)' },
  { value: 'des', label: 'DES' },
];

/** "set" / "not set" beside a secret field when editing: the value itself never comes back. */
function SecretState({ set }: { set: boolean }) {
  return <span className={`badge ${set ? 'badge-ok' : 'badge-muted'}`}>{set ? 'set' : 'not set'}</span>;
}

/**
 * Add or edit an SNMP credential. Secrets are write-only: password inputs, empty when editing
 * (leave empty to keep the stored value).
 */
export function CredentialDialog({ credential, onClose }: { credential?: Credential; onClose(): void }) {
  const { create, update } = useCredentialsStore();
  const editing = credential !== undefined;
  const [name, setName] = useState(credential?.name ?? '');
  const [version, setVersion] = useState<Version>(credential?.version ?? '2c');
  const [community, setCommunity] = useState('');
  const [username, setUsername] = useState(credential?.username ?? '');
  const [securityLevel, setSecurityLevel] = useState<SecurityLevel>(credential?.securityLevel ?? 'authPriv');
  const [authProtocol, setAuthProtocol] = useState<AuthProtocol>(credential?.authProtocol ?? 'sha256');
  const [authKey, setAuthKey] = useState('');
  const [privProtocol, setPrivProtocol] = useState<PrivProtocol>(credential?.privProtocol ?? 'aes');
  const [privKey, setPrivKey] = useState('');
  const [contextName, setContextName] = useState(credential?.contextName ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const withAuth = securityLevel !== 'noAuthNoPriv';
  const withPriv = securityLevel === 'authPriv';
  const keepHint = editing ? 'Leave empty to keep the stored value' : undefined;

  function v3Fields() {
    return {
      username,
      securityLevel,
      ...(withAuth ? { authProtocol, ...(authKey ? { authKey } : {}) } : {}),
      ...(withPriv ? { privProtocol, ...(privKey ? { privKey } : {}) } : {}),
      ...(contextName ? { contextName } : {}),
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    let outcome;
    if (credential) {
      const input: CredentialUpdate =
        version === '3' ? { id: credential.id, name, version, ...v3Fields() } : { id: credential.id, name, version, ...(community ? { community } : {}) };
      outcome = await update(input);
    } else {
      const input: CredentialCreate = version === '3' ? { name, version, ...v3Fields() } : { name, version, community };
      outcome = await create(input);
    }
    setBusy(false);
    if (outcome.ok) return onClose();
    setErrors(outcome.errors);
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  return (
    <Modal title={editing ? `Edit ${credential.name}` : 'Add SNMP credential'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <div className="modal-body">
          {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
          <div className="form-grid">
            <Field label="Name" error={errors.fields.name} required>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus placeholder="site-a read-only" />
            </Field>
            <Field label="SNMP version" error={errors.fields.version}>
              <select value={version} onChange={(e) => setVersion(e.target.value as Version)}>
                <option value="1">v1</option>
                <option value="2c">v2c</option>
                <option value="3">v3</option>
              </select>
            </Field>
          </div>
          {version !== '3' ? (
            <Field label="Community" error={errors.fields.community} required={!editing} hint={keepHint} aside={editing ? <SecretState set={credential.hasCommunity} /> : null}>
              <input type="password" value={community} onChange={(e) => setCommunity(e.target.value)} autoComplete="new-password" spellCheck={false} />
            </Field>
          ) : (
            <>
              <div className="form-grid">
                <Field label="User name" error={errors.fields.username} required>
                  <input type="text" value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} />
                </Field>
                <Field label="Security level" error={errors.fields.securityLevel}>
                  <select value={securityLevel} onChange={(e) => setSecurityLevel(e.target.value as SecurityLevel)}>
                    <option value="noAuthNoPriv">noAuthNoPriv</option>
                    <option value="authNoPriv">authNoPriv</option>
                    <option value="authPriv">authPriv</option>
                  </select>
                </Field>
              </div>
              {withAuth ? (
                <div className="form-grid">
                  <Field label="Auth protocol" error={errors.fields.authProtocol}>
                    <select value={authProtocol} onChange={(e) => setAuthProtocol(e.target.value as AuthProtocol)}>
                      {AUTH_PROTOCOLS.map((p) => (
                        <option key={p} value={p}>
                          {p.toUpperCase()}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="Auth passphrase" error={errors.fields.authKey} hint={keepHint ?? 'At least 8 characters'} aside={editing ? <SecretState set={credential.hasAuthKey} /> : null}>
                    <input type="password" value={authKey} onChange={(e) => setAuthKey(e.target.value)} autoComplete="new-password" spellCheck={false} />
                  </Field>
                </div>
              ) : null}
              {withPriv ? (
                <div className="form-grid">
                  <Field label="Privacy protocol" error={errors.fields.privProtocol}>
                    <select value={privProtocol} onChange={(e) => setPrivProtocol(e.target.value as PrivProtocol)}>
                      {PRIV_PROTOCOLS.map((p) => (
                        <option key={p.value} value={p.value}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="Privacy passphrase" error={errors.fields.privKey} hint={keepHint ?? 'At least 8 characters'} aside={editing ? <SecretState set={credential.hasPrivKey} /> : null}>
                    <input type="password" value={privKey} onChange={(e) => setPrivKey(e.target.value)} autoComplete="new-password" spellCheck={false} />
                  </Field>
                </div>
              ) : null}
              <Field label="Context name" error={errors.fields.contextName} hint="Usually empty">
                <input type="text" value={contextName} onChange={(e) => setContextName(e.target.value)} spellCheck={false} />
              </Field>
            </>
          )}
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
