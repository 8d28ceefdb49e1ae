import type { ValidateTargetsOutput } from '../../../main/api/discovery.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';

/** The validation the form shows: none while the targets are empty (an old answer may linger in the store). */
export function useShownValidation(): ValidateTargetsOutput | undefined {
  const hasText = useDiscoveryStore((s) => s.draft.targets.trim() !== '');
  const validation = useDiscoveryStore((s) => s.validation);
  return hasText ? validation : undefined;
}
