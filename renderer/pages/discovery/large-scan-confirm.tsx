import { LIMITS, needsLargeConfirmation } from '../../lib/discovery.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { useShownValidation } from './use-shown-validation.ts';

/** The checkbox a sweep above the size limit needs; shown while it is ticked or the engine asks for it. */
export function LargeScanConfirm() {
  const confirmLarge = useDiscoveryStore((s) => s.draft.confirmLarge);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const asked = needsLargeConfirmation(useShownValidation());
  if (!confirmLarge && !asked) return null;
  return (
    <div className="confirm-large">
      <label className="check">
        <input type="checkbox" checked={confirmLarge} onChange={(e) => setDraft({ confirmLarge: e.target.checked })} />
        <span>
          <strong>Confirm a large scan</strong>
          <span className="muted"> — more than {LIMITS.maxAddresses.toLocaleString()} addresses (a /16) takes a while and sends a lot of traffic; make sure the customer expects it.</span>
        </span>
      </label>
    </div>
  );
}
