import { useConnectionStore } from '../stores/connection-store.ts';

const LABELS = {
  ready: 'Connected',
  connecting: 'Connecting…',
  disconnected: 'Disconnected',
  'auth-required': 'Sign-in required',
} as const;

/** The engine's status in the header: connection, version, device count. */
export function EngineStatus() {
  const status = useConnectionStore((s) => s.status);
  const health = useConnectionStore((s) => s.health);
  const degraded = status === 'ready' && health?.status === 'degraded';
  const tone = status === 'ready' ? (degraded ? 'warn' : 'ok') : status === 'disconnected' ? 'down' : 'warn';
  return (
    <div className="engine-status" role="status" aria-live="polite" aria-label="Engine status">
      <span className={`status-pill status-${tone}`}>
        <span className="status-dot" aria-hidden="true" />
        {degraded ? 'Degraded' : LABELS[status]}
      </span>
      {health && status === 'ready' ? (
        <span className="engine-meta">
          <span>
            {health.devices.toLocaleString()} {health.devices === 1 ? 'device' : 'devices'}
          </span>
          <span className="engine-meta-sep" aria-hidden="true">
            ·
          </span>
          <span title="Engine version">v{health.version}</span>
        </span>
      ) : null}
    </div>
  );
}
