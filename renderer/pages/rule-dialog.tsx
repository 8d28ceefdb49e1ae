import { useEffect, useState, type FormEvent } from 'react';
import type { Rule, RuleCondition, Scope, Severity } from '../../main/api/alerts.ts';
import { SEVERITY_LABELS } from '../components/badges.tsx';
import { Banner } from '../components/banner.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { ScopeFields } from '../components/scope-fields.tsx';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { SEVERITIES, useAlertsStore } from '../stores/alerts-store.ts';

type Kind = RuleCondition['kind'];
const KIND_LABELS: Record<Kind, string> = {
  threshold: 'Threshold: a value above or below a limit',
  rate: 'Rate: a value changing too fast',
  availability: 'Availability: device down',
  absence: 'Absence: no data for a while',
  oper_status: 'Interface status: an interface goes down',
  state: 'State: a state item in (or not in) a set of states',
};

/** The condition as the form edits it: text for numbers so the engine can say what is wrong. */
interface Draft {
  kind: Kind;
  metric: string;
  op: 'above' | 'below';
  value: string;
  recovery: string;
  forSec: string;
  source: 'icmp' | 'snmp';
  stateOp: 'in' | 'notIn';
  /** State values, comma-separated ("11, 12"). */
  states: string;
}

function draftOf(c: RuleCondition | undefined): Draft {
  const d: Draft = { kind: 'threshold', metric: 'ping_rtt_ms', op: 'above', value: '100', recovery: '', forSec: '60', source: 'icmp', stateOp: 'in', states: '' };
  if (!c) return d;
  d.kind = c.kind;
  if (c.kind === 'threshold' || c.kind === 'rate') Object.assign(d, { metric: c.metric, op: c.op, value: String(c.value), recovery: c.recovery === undefined ? '' : String(c.recovery), forSec: String(c.forSec) });
  if (c.kind === 'availability') d.source = c.source;
  if (c.kind === 'absence') Object.assign(d, { metric: c.metric, forSec: String(c.forSec) });
  if (c.kind === 'oper_status') d.metric = c.metric;
  if (c.kind === 'state') Object.assign(d, { metric: c.metric, stateOp: c.op, states: c.values.join(', '), forSec: String(c.forSec) });
  return d;
}

const num = (t: string): number => (t.trim() === '' ? Number.NaN : Number(t));

function conditionOf(d: Draft): RuleCondition {
  switch (d.kind) {
    case 'threshold':
    case 'rate':
      return { kind: d.kind, metric: d.metric, op: d.op, value: num(d.value), forSec: num(d.forSec), ...(d.recovery.trim() ? { recovery: num(d.recovery) } : {}) };
    case 'availability':
      return { kind: 'availability', source: d.source };
    case 'absence':
      return { kind: 'absence', metric: d.metric, forSec: num(d.forSec) };
    case 'oper_status':
      return { kind: 'oper_status', metric: d.metric || 'if_oper_status' };
    case 'state':
      return { kind: 'state', metric: d.metric, op: d.stateOp, values: d.states.split(/[\s,]+/).filter(Boolean).map(Number), forSec: num(d.forSec) };
  }
}

/** Create or edit an alert rule: what it watches (kind, metric, limit), where (scope), how bad (severity). */
export function RuleDialog({ rule, onClose }: { rule?: Rule; onClose(): void }) {
  const { createRule, updateRule, metrics, loadMetrics } = useAlertsStore();
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [severity, setSeverity] = useState<Severity>(rule?.severity ?? 'major');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [scope, setScope] = useState<Scope>(rule?.scope ?? { type: 'all' });
  const [draft, setDraft] = useState<Draft>(() => draftOf(rule?.condition));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conditionErrors, setConditionErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (metrics.length === 0) void loadMetrics();
  }, [metrics.length, loadMetrics]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const unit = metrics.find((m) => m.name === draft.metric)?.unit;
  const stateNames = metrics.find((m) => m.name === draft.metric)?.states;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const body = { name, description, severity, enabled, scope, condition: conditionOf(draft) };
    const outcome = rule ? await updateRule({ id: rule.id, ...body }) : await createRule(body);
    setBusy(false);
    if (outcome.ok) return onClose();
    // Condition issues come as "<field>|<message>": show them next to their fields.
    const { condition, ...fields } = outcome.errors.fields;
    setErrors({ ...outcome.errors, fields });
    if (condition) {
      const [field, ...rest] = condition.split('|');
      const known = ['metric', 'value', 'recovery', 'forSec', 'values'].includes(field ?? '');
      setConditionErrors({ [known ? field! : 'metric']: rest.length > 0 ? rest.join('|') : condition });
    } else setConditionErrors({});
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const metricField = (
    <Field label="Metric" error={conditionErrors.metric} hint={unit ? `Unit: ${unit}` : undefined}>
      <input type="text" list="rule-metrics" value={draft.metric} onChange={(e) => set('metric', e.target.value)} spellCheck={false} className="mono" />
    </Field>
  );

  return (
    <Modal title={rule ? `Edit rule ${rule.name}` : 'New alert rule'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <div className="modal-body">
          {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
          <div className="form-grid">
            <Field label="Rule name" error={errors.fields.name} required>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus placeholder="High latency" />
            </Field>
            <Field label="Severity" error={errors.fields.severity}>
              <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LABELS[s]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label="Kind">
            <select value={draft.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
              {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </Field>
          {draft.kind === 'threshold' || draft.kind === 'rate' ? (
            <>
              <div className="form-grid">
                {metricField}
                <Field label="Fires when the value is">
                  <select value={draft.op} onChange={(e) => set('op', e.target.value as 'above' | 'below')}>
                    <option value="above">Above</option>
                    <option value="below">Below</option>
                  </select>
                </Field>
              </div>
              <div className="form-grid form-grid-3">
                <Field label={draft.kind === 'rate' ? 'Limit (per second)' : 'Limit'} error={conditionErrors.value}>
                  <input type="number" value={draft.value} onChange={(e) => set('value', e.target.value)} />
                </Field>
                <Field label="Recovers at" error={conditionErrors.recovery} hint="Empty: the limit">
                  <input type="number" value={draft.recovery} onChange={(e) => set('recovery', e.target.value)} />
                </Field>
                <Field label="For (seconds)" error={conditionErrors.forSec} hint="How long before it fires">
                  <input type="number" value={draft.forSec} onChange={(e) => set('forSec', e.target.value)} min={0} />
                </Field>
              </div>
            </>
          ) : null}
          {draft.kind === 'state' ? (
            <>
              <div className="form-grid">
                {metricField}
                <Field label="Fires when the state is">
                  <select value={draft.stateOp} onChange={(e) => set('stateOp', e.target.value as 'in' | 'notIn')}>
                    <option value="in">One of</option>
                    <option value="notIn">None of</option>
                  </select>
                </Field>
              </div>
              <div className="form-grid">
                <Field
                  label="States"
                  error={conditionErrors.values}
                  hint={stateNames ? Object.entries(stateNames).map(([v, n]) => `${v} ${n}`).join(', ') : 'Numbers, separated by commas'}
                >
                  <input type="text" value={draft.states} onChange={(e) => set('states', e.target.value)} placeholder="11, 12" className="mono" />
                </Field>
                <Field label="For (seconds)" error={conditionErrors.forSec} hint="How long before it fires">
                  <input type="number" value={draft.forSec} onChange={(e) => set('forSec', e.target.value)} min={0} />
                </Field>
              </div>
            </>
          ) : null}
          {draft.kind === 'availability' ? (
            <Field label="Checked by">
              <select value={draft.source} onChange={(e) => set('source', e.target.value as 'icmp' | 'snmp')}>
                <option value="icmp">Ping (ICMP)</option>
                <option value="snmp">SNMP</option>
              </select>
            </Field>
          ) : null}
          {draft.kind === 'absence' ? (
            <div className="form-grid">
              {metricField}
              <Field label="No data for (seconds)" error={conditionErrors.forSec}>
                <input type="number" value={draft.forSec} onChange={(e) => set('forSec', e.target.value)} min={60} />
              </Field>
            </div>
          ) : null}
          <datalist id="rule-metrics">
            {metrics.map((m) => (
              <option key={m.name} value={m.name}>
                {m.description}
              </option>
            ))}
          </datalist>
          <ScopeFields scope={scope} onChange={setScope} error={errors.fields.scope} />
          <Field label="Description" error={errors.fields.description}>
            <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </Field>
          <label className="check check-switch">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <span>Enabled</span>
          </label>
        </div>
        <div className="modal-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            Save rule
          </button>
        </div>
      </form>
    </Modal>
  );
}
