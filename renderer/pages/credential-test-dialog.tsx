import { useState } from 'react';
import type { Credential, CredentialTestResult } from '../../main/api/credentials.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { formatDuration, formatMs } from '../lib/format.ts';

const STATUS_TITLE: Record<CredentialTestResult['status'], string> = {
  ok: 'The agent answered',
  timeout: 'No answer',
  auth_failed: 'Authentication failed',
  refused: 'Refused',
  unreachable: 'Could not send',
  cancelled: 'Cancelled',
};

/** Settings > Credentials > Test: discovery's system-group GET with this credential against one host. */
export function CredentialTestDialog({ credential, onClose }: { credential: Credential; onClose(): void }) {
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<CredentialTestResult>();

  async function run(): Promise<void> {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const r = await client.call('credentials.test', { credentialId: credential.id, address: address.trim() });
    setBusy(false);
    if (r.ok) setResult(r.data);
    else setError(r.error.issues?.[0]?.message ?? describeError(r.error));
  }

  return (
    <Modal title={`Test ${credential.name} against a host`} onClose={onClose}>
      <div className="modal-body">
        <form
          className="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <Field label="Address" required hint="IP address or host name; add :port when it is not 161">
            <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="10.0.0.1 or host:161" spellCheck={false} className="mono" autoFocus />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy || !address.trim()} aria-busy={busy}>
            {busy ? 'Testing…' : 'Test'}
          </button>
        </form>
        {error ? <Banner tone="error">{error}</Banner> : null}
        {result ? (
          <div role="status" aria-label="Test result" className="stack">
            <Banner tone={result.status === 'ok' ? 'info' : 'error'}>
              <strong>{STATUS_TITLE[result.status]}.</strong> {result.message}
            </Banner>
            {result.status === 'ok' ? (
              <dl className="identity">
                <div>
                  <dt>sysName</dt>
                  <dd className="mono">{result.sysName ?? '—'}</dd>
                </div>
                <div>
                  <dt>Round trip</dt>
                  <dd>{formatMs(result.rttMs)}</dd>
                </div>
                <div>
                  <dt>Uptime</dt>
                  <dd>{formatDuration(result.sysUpTimeSec)}</dd>
                </div>
                <div>
                  <dt>sysObjectID</dt>
                  <dd className="mono">{result.sysObjectID ?? '—'}</dd>
                </div>
                <div style={{ gridColumn: '1 / -1' }}>
                  <dt>sysDescr</dt>
                  <dd>{result.sysDescr ?? '—'}</dd>
                </div>
              </dl>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="modal-footer">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
