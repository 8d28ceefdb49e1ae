import { useEffect, useState } from 'react';
import { useConnectionStore } from '../stores/connection-store.ts';
import { Banner } from './banner.tsx';

function useSecondsUntil(at: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Says plainly when the engine cannot be reached, and when the next try is. */
export function ConnectionBanner() {
  const status = useConnectionStore((s) => s.status);
  const message = useConnectionStore((s) => s.message);
  const retryAt = useConnectionStore((s) => s.retryAt);
  const retryNow = useConnectionStore((s) => s.retryNow);
  const seconds = useSecondsUntil(status === 'disconnected' ? retryAt : undefined);
  if (status !== 'disconnected') return null;
  return (
    <Banner
      tone="error"
      action={
        <button type="button" className="btn btn-small" onClick={retryNow}>
          Retry now
        </button>
      }
    >
      <strong>{message ?? 'Cannot reach the WARD FLUX engine.'}</strong>{' '}
      {seconds !== undefined ? <span className="muted">{seconds > 0 ? `Retrying in ${seconds} s.` : 'Retrying…'}</span> : null}
    </Banner>
  );
}
