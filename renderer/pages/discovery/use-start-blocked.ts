import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { useCan } from '../../stores/session-store.ts';

/**
 * Why Start cannot be pressed yet, in words (undefined: it can): a role that may not start a
 * discovery, no targets, or targets the engine's as-you-type check refuses (their errors are
 * listed under the field once, so the start does not add a second copy of them).
 */
export function useStartBlocked(): string | undefined {
  const may = useCan('discovery.start');
  const why = useDiscoveryStore((s) => {
    if (s.draft.targets.trim() === '') return 'Type the targets to scan first.';
    if (s.validation && !s.validation.ok) return 'Fix the targets first (see the problems under them).';
    return undefined;
  });
  return may.allowed ? why : `You cannot start a discovery. ${may.reason ?? ''}`.trim();
}
