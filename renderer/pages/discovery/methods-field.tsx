import { METHOD_HINTS, METHOD_LABELS, METHODS } from '../../lib/discovery.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';

/** The probe methods, one chip each, kept in the order of METHODS. */
export function MethodsField() {
  const methods = useDiscoveryStore((s) => s.draft.methods);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const error = useDiscoveryStore((s) => s.startErrors.fields.methods);
  return (
    <fieldset className="fieldset" aria-describedby={error ? 'methods-error' : undefined}>
      <legend className="field-label">Methods</legend>
      <div className="check-list">
        {METHODS.map((m) => (
          <label key={m} className="check check-chip" title={METHOD_HINTS[m]}>
            <input
              type="checkbox"
              checked={methods.includes(m)}
              onChange={(e) => setDraft({ methods: e.target.checked ? METHODS.filter((x) => x === m || methods.includes(x)) : methods.filter((x) => x !== m) })}
              aria-describedby={`method-${m}-hint`}
            />
            {METHOD_LABELS[m]}
            <span className="visually-hidden" id={`method-${m}-hint`}>
              {METHOD_HINTS[m]}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id="methods-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
