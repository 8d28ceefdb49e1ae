import { Banner } from '../../components/banner.tsx';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';

/** Why the open scan ended early: the engine's error, or the technician's cancel. */
export function JobBanners() {
  const error = useDiscoveryStore((s) => s.current?.job?.error);
  const status = useDiscoveryStore((s) => s.current?.job?.status);
  return (
    <>
      {error ? <Banner tone={status === 'failed' ? 'error' : 'warning'}>{error}</Banner> : null}
      {status === 'cancelled' ? <Banner tone="info">This scan was cancelled; the hosts found until then are shown.</Banner> : null}
    </>
  );
}
