import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';

const VALIDATE_DELAY_MS = 300;

/** Asks the engine to check the targets a moment after the technician stops typing (at once when cleared). */
export function useValidateTargets(): void {
  const { targets, exclusions, confirmLarge } = useDiscoveryStore(useShallow((s) => ({ targets: s.draft.targets, exclusions: s.draft.exclusions, confirmLarge: s.draft.confirmLarge })));
  const validate = useDiscoveryStore((s) => s.validate);
  const ready = useConnectionStore((s) => s.status === 'ready');

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => void validate(), targets.trim() ? VALIDATE_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [targets, exclusions, confirmLarge, ready, validate]);
}
