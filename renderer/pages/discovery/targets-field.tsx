import { useShallow } from 'zustand/react/shallow';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { IssueList, TargetCount } from './target-preview.tsx';
import { useShownValidation } from './use-shown-validation.ts';
import { useValidateTargets } from './use-validate-targets.ts';

/** The targets as typed, checked by the engine as they are typed: the count, the issues per entry, the engine's refusal. */
export function TargetsField({ id }: { id: string }) {
  const targets = useDiscoveryStore((s) => s.draft.targets);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const { validating, validationError, startError } = useDiscoveryStore(useShallow((s) => ({ validating: s.validating, validationError: s.validationError, startError: s.startErrors.fields.targets })));
  const shown = useShownValidation();
  useValidateTargets();

  const hasText = targets.trim() !== '';
  const issues = shown?.issues.filter((i) => i.scope !== 'exclusion') ?? [];
  // The engine's refusal repeats what the as-you-type check lists: show it only when the list does not.
  const error = issues.some((i) => i.severity === 'error') ? undefined : startError;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        Targets<span className="field-required" aria-hidden="true"> *</span>
      </label>
      <textarea
        id={id}
        className="mono"
        rows={3}
        value={targets}
        onChange={(e) => setDraft({ targets: e.target.value })}
        placeholder={'192.168.1.0/24\n10.0.5.10-50, printer.site'}
        spellCheck={false}
        aria-required="true"
        aria-invalid={error || issues.some((i) => i.severity === 'error') ? true : undefined}
        aria-describedby={`${id}-count ${id}-issues${error ? ` ${id}-error` : ''}`}
      />
      <p className="field-hint target-status" id={`${id}-count`} role="status" aria-live="polite">
        <TargetCount validation={shown} validating={validating} error={validationError} hasText={hasText} />
      </p>
      <IssueList issues={issues} id={`${id}-issues`} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
