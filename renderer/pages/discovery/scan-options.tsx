import { useShallow } from 'zustand/react/shallow';
import { DiscoveryIcon } from '../../components/icons.tsx';
import { Field } from '../../components/field.tsx';
import { LIMITS } from '../../lib/discovery.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { useStartBlocked } from './use-start-blocked.ts';

/** The pace of the sweep (rate, timeout), the TCP ports, and the Start button. */
export function ScanOptions({ portsError }: { portsError?: string | undefined }) {
  const draft = useDiscoveryStore(useShallow((s) => ({ ratePps: s.draft.ratePps, adaptiveRate: s.draft.adaptiveRate, timeoutMs: s.draft.timeoutMs, tcpPorts: s.draft.tcpPorts, tcp: s.draft.methods.includes('tcp') })));
  const fields = useDiscoveryStore((s) => s.startErrors.fields);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const starting = useDiscoveryStore((s) => s.starting);
  const running = useDiscoveryStore((s) => s.current?.job?.status === 'running');
  const ready = useConnectionStore((s) => s.status === 'ready');
  const blocked = useStartBlocked();
  return (
    <div className="scan-options">
      <Field label="Rate (packets/s)" error={fields.ratePps}>
        <input type="number" value={draft.ratePps} onChange={(e) => setDraft({ ratePps: e.target.value })} min={1} max={LIMITS.maxRatePps} />
      </Field>
      <label className="check scan-adaptive" title="Each host that answers adds 1 packet/s, up to 20 times the rate; a lost probe halves it again. Silent address space stays at the rate.">
        <input type="checkbox" checked={draft.adaptiveRate} onChange={(e) => setDraft({ adaptiveRate: e.target.checked })} aria-describedby="adaptive-rate-hint" />
        Faster while hosts answer
        <span className="visually-hidden" id="adaptive-rate-hint">
          Each host that answers adds 1 packet per second, up to 20 times the rate; a lost probe halves it again. Silent address space stays at the rate.
        </span>
      </label>
      <Field label="Timeout (ms)" error={fields.timeoutMs}>
        <input type="number" value={draft.timeoutMs} onChange={(e) => setDraft({ timeoutMs: e.target.value })} min={50} max={30000} step={100} />
      </Field>
      <div className="field-grow">
        <Field label="TCP ports" error={portsError ?? fields.tcpPorts} hint={draft.tcp ? undefined : 'Used only with the TCP method'}>
          <input type="text" className="mono" value={draft.tcpPorts} onChange={(e) => setDraft({ tcpPorts: e.target.value })} spellCheck={false} disabled={!draft.tcp} />
        </Field>
      </div>
      <div className="form-actions-left">
        <button type="submit" className="btn btn-primary" disabled={starting || running || !ready || blocked !== undefined} aria-busy={starting} aria-describedby={blocked ? 'start-blocked' : undefined}>
          <DiscoveryIcon />
          {starting ? 'Starting…' : 'Start scan'}
        </button>
        {blocked ? (
          <span className="field-hint start-blocked" id="start-blocked">
            {blocked}
          </span>
        ) : null}
      </div>
    </div>
  );
}
