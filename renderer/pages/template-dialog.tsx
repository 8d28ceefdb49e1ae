import { useId, useState, type FormEvent } from 'react';
import type { Template } from '../../main/api/templates.ts';
import { Modal } from '../components/modal.tsx';
import { useTemplatesStore, type TemplateBodyInput, type TemplateSaveProblem } from '../stores/templates-store.ts';

/** What a new template starts from: the fields the engine knows, nothing polled yet. */
const NEW_TEMPLATE = {
  name: 'New template',
  description: '',
  match: { sysObjectIdPrefixes: [], sysDescrPatterns: [], priority: 0 },
  items: [],
  derived: [],
  tables: [],
};

/** The editable body of a stored template: everything but its id and the engine's bookkeeping. */
export function templateJson(template: Template): string {
  const { id: _id, builtIn: _builtIn, createdAt: _createdAt, updatedAt: _updatedAt, ...body } = template;
  return JSON.stringify(body, null, 2);
}

/** Where a JSON syntax error is, in words: the engine never sees text that does not parse. */
function parseProblem(text: string): { body?: TemplateBodyInput; problem?: TemplateSaveProblem } {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: { message: 'The template must be a JSON object: { "name": …, "items": [ … ] }', issues: [] } };
    return { body: body as TemplateBodyInput };
  } catch (err) {
    return { problem: { message: `Not valid JSON: ${(err as Error).message}`, issues: [] } };
  }
}

/**
 * Edit a user template (or write a new one) as JSON in a monospace text area; the engine validates
 * it and its issues (path: message) are listed under the text.
 */
export function TemplateDialog({ template, onClose }: { template?: Template; onClose(): void }) {
  const { create, update } = useTemplatesStore();
  const [text, setText] = useState(() => (template ? templateJson(template) : JSON.stringify(NEW_TEMPLATE, null, 2)));
  const [problem, setProblem] = useState<TemplateSaveProblem>();
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const problemId = `${fieldId}-problem`;
  const hintId = `${fieldId}-hint`;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const parsed = parseProblem(text);
    if (!parsed.body) {
      setProblem(parsed.problem);
      return;
    }
    setBusy(true);
    const outcome = template ? await update(template.id, parsed.body) : await create(parsed.body);
    setBusy(false);
    if (outcome.ok) return onClose();
    setProblem(outcome.problem);
  }

  return (
    <Modal title={template ? `Edit template ${template.name}` : 'New template'} onClose={onClose} size="large">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={template ? `Edit template ${template.name}` : 'New template'}>
        <div className="modal-body">
          <div className={`field${problem ? ' field-invalid' : ''}`}>
            <div className="field-label-row">
              <label htmlFor={fieldId} className="field-label">
                Template JSON
              </label>
              {template ? <span className="field-aside mono">{template.id}</span> : null}
            </div>
            <textarea
              id={fieldId}
              className="mono json-editor"
              value={text}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              rows={22}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? problemId : hintId}
            />
            {problem ? (
              <div id={problemId} className="field-error" role="alert">
                {problem.issues.length > 0 ? (
                  <>
                    <p>The engine did not accept this template:</p>
                    <ul className="issue-list">
                      {problem.issues.map((i, n) => (
                        <li key={n}>
                          {i.path ? <code>{i.path}</code> : null}
                          {i.path ? ': ' : null}
                          {i.message}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p>{problem.message}</p>
                )}
              </div>
            ) : (
              <p id={hintId} className="field-hint">
                Items, tables and match rules as in the built-in templates; every OID needs its MIB name (IF-MIB::ifHCInOctets).
              </p>
            )}
          </div>
        </div>
        <div className="modal-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            Save template
          </button>
        </div>
      </form>
    </Modal>
  );
}
