import { useEffect, useState } from 'react';
import { Banner } from '../components/banner.tsx';
import { formatAgo, formatTime } from '../lib/format.ts';
import { useOutboxStore } from '../stores/outbox-store.ts';

const TOPIC_WORDS: Record<string, string> = { notification: 'Notifications', 'zabbix.push': 'Zabbix pushes', 'zabbix.ack': 'Zabbix acknowledgements', 'metrics.sync': 'Metrics sync' };
const topicName = (t: string): string => TOPIC_WORDS[t] ?? t;

/** What is queued for delivery, and the dead letters (given up after retries) with Retry. */
export function OutboxSection() {
  const { status, dead, loaded, error, load, retry } = useOutboxStore();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">Notifications and pushes wait here until they are delivered, even across restarts.</span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-small" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {loaded && status.length > 0 ? (
        <div className="tiles">
          {status.map((s) => (
            <div key={s.topic} className={`tile ${s.dead > 0 ? 'tone-down' : s.pending > 0 ? 'tone-warn' : 'tone-ok'}`}>
              <span className="tile-label">{topicName(s.topic)}</span>
              <span>
                {s.pending} waiting · {s.delivered} delivered · {s.dead} failed
              </span>
              {s.lastError ? <span className="field-error">{s.lastError}</span> : null}
            </div>
          ))}
        </div>
      ) : null}
      <section className="card card-compact" aria-labelledby="dead-title">
        <div className="card-header">
          <h3 id="dead-title" className="card-title">
            Failed deliveries
          </h3>
        </div>
        {dead.length === 0 ? (
          <p className="card-empty">{loaded ? 'Nothing failed: every delivery went through or is still being tried.' : 'Loading…'}</p>
        ) : (
          <div className="card-table">
            <table className="table" aria-label="Failed deliveries">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Queued</th>
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {dead.map((e) => (
                  <tr key={e.id}>
                    <td className="cell-strong">{topicName(e.topic)}</td>
                    <td className="num">{e.attempts}</td>
                    <td className="cell-notes" title={e.lastError ?? undefined}>
                      {e.lastError ?? '—'}
                    </td>
                    <td className="cell-muted" title={formatTime(e.createdAt)}>
                      {formatAgo(e.createdAt)}
                    </td>
                    <td className="col-actions">
                      <button type="button" className="btn btn-small" onClick={() => void retry(e.id).then(setProblem)} aria-label={`Retry delivery ${e.id}`}>
                        Retry
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
