import { useState } from 'react';
import type { TemplateTestResult, TestValue } from '../../main/api/template-import.ts';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { useTemplatesStore, type TemplateSummary } from '../stores/templates-store.ts';

function valueText(v: TestValue): string {
  if (v.value !== null) return `${Number.isInteger(v.value) ? v.value.toLocaleString() : Number(v.value.toPrecision(6)).toLocaleString()}${v.unit ? ` ${v.unit}` : ''}${v.state ? ` (${v.state})` : ''}`;
  if (v.text !== undefined) return v.text;
  return '—';
}

/** Settings > Templates > Test: polls the template once against an address with a stored credential. */
export function TemplateTestDialog({ template, onClose }: { template: TemplateSummary; onClose(): void }) {
  const test = useTemplatesStore((s) => s.test);
  const credentials = useCredentialsStore((s) => s.items);
  const [address, setAddress] = useState('');
  const [credentialId, setCredentialId] = useState(credentials[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<TemplateTestResult>();

  async function run(): Promise<void> {
    setBusy(true);
    setError(undefined);
    const r = await test({ templateId: template.id, address: address.trim(), credentialIds: [credentialId] });
    setBusy(false);
    if (r.ok) setResult(r.result);
    else setError(r.message);
  }

  const withValue = result?.values.filter((v) => v.value !== null || v.text !== undefined).length ?? 0;
  return (
    <Modal title={`Test ${template.name} against a device`} onClose={onClose} size="large">
      <div className="modal-body">
        <form
          className="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <Field label="Address" required>
            <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="10.0.0.1 or host:161" />
          </Field>
          <Field label="Credential" required>
            <select value={credentialId} onChange={(e) => setCredentialId(e.target.value)}>
              {credentials.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy || !address.trim() || !credentialId} aria-busy={busy}>
            Test against a device
          </button>
        </form>
        {credentials.length === 0 ? <Banner tone="info">Add an SNMP credential first (Settings &gt; Credentials).</Banner> : null}
        {error ? <Banner tone="error">{error}</Banner> : null}
        {result ? (
          <>
            <Banner tone={result.status === 'ok' ? 'info' : 'error'}>
              {result.status === 'ok' ? `${withValue} of ${result.values.length} values read in ${result.durationMs} ms.` : `${result.status}: ${result.message ?? 'the device did not answer'}`}
            </Banner>
            <div className="table-wrap">
              <table className="table" aria-label="Test values">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">Row</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col">Why none</th>
                  </tr>
                </thead>
                <tbody>
                  {result.values.map((v, i) => (
                    <tr key={`${v.table ?? ''}.${v.key}.${v.row ?? ''}.${i}`}>
                      <td className="cell-strong" title={v.table ? `${v.table}.${v.key}` : v.key}>
                        {v.name}
                      </td>
                      <td className="cell-muted">{v.row ?? ''}</td>
                      <td className="num">{valueText(v)}</td>
                      <td className="cell-muted" style={{ whiteSpace: 'normal' }}>
                        {v.reason ?? ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
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
