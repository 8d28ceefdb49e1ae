import { useState } from 'react';
import type { DiscoveryHost } from '../../../main/api/discovery.ts';
import { TYPE_LABELS, valueText } from '../../lib/discovery.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';

/** One list of a scan diff (new or gone hosts): address, name when it differs, type. */
function DiffHosts({ title, hosts }: { title: string; hosts: readonly DiscoveryHost[] }) {
  if (!hosts.length) return null;
  return (
    <div>
      <h3 className="detail-title">{title}</h3>
      <ul className="diff-list">
        {hosts.map((h) => (
          <li key={h.address}>
            <span className="mono">{h.address}</span> {h.name !== h.address ? h.name : ''} <span className="muted">{TYPE_LABELS[h.type]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What changed since the previous scan of the same targets (once the open scan has ended). */
export function DiffSummary() {
  const [open, setOpen] = useState(false);
  const diff = useDiscoveryStore((s) => s.current?.diff);
  const diffError = useDiscoveryStore((s) => s.current?.diffError);
  const running = useDiscoveryStore((s) => s.current?.job?.status === 'running');
  if (diffError) return <p className="diff-line muted">The comparison with the previous scan is not available: {diffError}</p>;
  if (!diff || running) return null;
  if (!diff.previousJobId) return <p className="diff-line muted">First scan of these targets: the next one will show what is new, gone and changed.</p>;
  const nothing = diff.new.length === 0 && diff.gone.length === 0 && diff.changed.length === 0;
  return (
    <section className="diff" aria-label="Changes since the previous scan">
      <div className="diff-line">
        <span>Since the previous scan of these targets:</span>
        <span className="badge badge-info">{diff.new.length} new</span>
        <span className={`badge ${diff.gone.length ? 'badge-down' : 'badge-muted'}`}>{diff.gone.length} gone</span>
        <span className={`badge ${diff.changed.length ? 'badge-warn' : 'badge-muted'}`}>{diff.changed.length} changed</span>
        <span className="muted">{diff.unchanged} unchanged</span>
        {!nothing ? (
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide changes' : 'Show changes'}
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="diff-details">
          <DiffHosts title="New" hosts={diff.new} />
          <DiffHosts title="Gone" hosts={diff.gone} />
          {diff.changed.length ? (
            <div>
              <h3 className="detail-title">Changed</h3>
              <ul className="diff-list">
                {diff.changed.map((c) => (
                  <li key={c.address}>
                    <span className="mono">{c.address}</span>
                    {c.previousAddress !== c.address ? <span className="muted"> (was {c.previousAddress}, matched by {c.matchedBy})</span> : null}:{' '}
                    {c.changes.map((x) => `${x.field} ${valueText(x.before)} → ${valueText(x.after)}`).join('; ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
