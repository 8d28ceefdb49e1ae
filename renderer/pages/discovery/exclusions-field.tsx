import { Field } from '../../components/field.tsx';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import { IssueList } from './target-preview.tsx';
import { useShownValidation } from './use-shown-validation.ts';

/** Addresses never probed, in the targets' syntax, with the engine's issues about them. */
export function ExclusionsField({ id }: { id: string }) {
  const exclusions = useDiscoveryStore((s) => s.draft.exclusions);
  const setDraft = useDiscoveryStore((s) => s.setDraft);
  const error = useDiscoveryStore((s) => s.startErrors.fields.exclusions);
  const issues = useShownValidation()?.issues.filter((i) => i.scope === 'exclusion') ?? [];
  return (
    <div>
      <Field label="Exclusions" error={error} hint={issues.length ? <IssueList issues={issues} id={id} /> : 'Never probed: same syntax as targets'}>
        <input type="text" className="mono" value={exclusions} onChange={(e) => setDraft({ exclusions: e.target.value })} placeholder="192.168.1.1, 192.168.1.200-254" spellCheck={false} />
      </Field>
    </div>
  );
}
