import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { EditDeleteCell } from '../components/row-action-buttons.tsx';
import type { Alert, Rule } from '../../main/api/alerts.ts';
import { SeverityBadge, SourceBadge } from '../components/badges.tsx';
import { Banner } from '../components/banner.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Field } from '../components/field.tsx';
import { AlertsIcon, PlusIcon } from '../components/icons.tsx';
import { Modal } from '../components/modal.tsx';
import { describeScope } from '../components/scope-fields.tsx';
import { Tabs } from '../components/tabs.tsx';
import { ZabbixMirrorStatus } from '../components/zabbix-mirror-status.tsx';
import { formatAgo, formatTime } from '../lib/format.ts';
import { NO_ERRORS, type FormErrors } from '../lib/form-errors.ts';
import { useAlertsStore, type AlertSourceFilter } from '../stores/alerts-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useCan } from '../stores/session-store.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { MaintenanceSection } from './maintenance-section.tsx';
import { OutboxSection } from './outbox-section.tsx';
import { RuleDialog } from './rule-dialog.tsx';

type Tab = 'active' | 'history' | 'rules' | 'maintenance' | 'deliveries';
const TABS: Tab[] = ['active', 'history', 'rules', 'maintenance', 'deliveries'];
const ACTOR_KEY = 'wardflux.actor';

function AcknowledgeDialog({ alert, onClose }: { alert: Alert; onClose(): void }) {
  const acknowledge = useAlertsStore((s) => s.acknowledge);
  const technician = useSettingsStore((s) => s.settings?.technician);
  const [by, setBy] = useState(() => localStorage.getItem(ACTOR_KEY) ?? technician ?? '');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const outcome = await acknowledge(alert.id, by, comment.trim() || undefined);
    setBusy(false);
    if (!outcome.ok) return setErrors(outcome.errors);
    localStorage.setItem(ACTOR_KEY, by.trim());
    onClose();
  }

  return (
    <Modal title="Acknowledge alert" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="modal-body">
          {errors.banner ? <Banner tone="error">{errors.banner}</Banner> : null}
          <p>
            <SeverityBadge severity={alert.severity} /> <strong>{alert.deviceName ?? 'No device'}</strong>: {alert.summary || alert.ruleName}
          </p>
          {alert.source === 'zabbix' ? (
            <p className="muted">This is a Zabbix problem: it is acknowledged in Zabbix too, with your comment as the message (queued while Zabbix is out of reach).</p>
          ) : null}
          <Field label="Your name" error={errors.fields.by} required>
            <input type="text" value={by} onChange={(e) => setBy(e.target.value)} autoFocus={!by} />
          </Field>
          <Field label="Comment" error={errors.fields.comment} hint="Optional: what you are doing about it">
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} autoFocus={!!by} />
          </Field>
        </div>
        <div className="modal-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            Acknowledge
          </button>
        </div>
      </form>
    </Modal>
  );
}

function AlertTable({ alerts, history, onAck }: { alerts: Alert[]; history?: boolean; onAck?(alert: Alert): void }) {
  const mayAck = useCan('alerts.acknowledge');
  return (
    <div className="table-wrap">
      <table className="table" aria-label={history ? 'Alert history' : 'Active alerts'}>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Device</th>
            <th scope="col">Alert</th>
            <th scope="col">{history ? 'Resolved' : 'Started'}</th>
            <th scope="col">State</th>
            {history ? null : (
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id}>
              <td>
                <SeverityBadge severity={a.severity} />
              </td>
              <td className="cell-strong">{a.deviceId ? <a className="row-link" href={`#/devices/${a.deviceId}`}>{a.deviceName ?? 'Unknown device'}</a> : '—'}</td>
              <td className="cell-notes" title={a.summary}>
                {a.source === 'zabbix' ? (
                  <>
                    <SourceBadge source="zabbix" />{' '}
                  </>
                ) : null}
                {a.summary || a.ruleName}
                {a.suppressedBy ? <span className="muted"> · not notified ({a.suppressedBy})</span> : null}
                {a.flapping ? <span className="muted"> · flapping</span> : null}
              </td>
              <td className="cell-muted" title={formatTime(history ? a.resolvedAt : a.startedAt)}>
                {formatAgo(history ? a.resolvedAt : a.startedAt)}
              </td>
              <td className="cell-muted">
                {a.state === 'acknowledged' ? (
                  <span title={a.ackComment ?? undefined}>Acknowledged by {a.acknowledgedBy}</span>
                ) : a.state === 'firing' ? (
                  <span className="result-bad">Firing</span>
                ) : (
                  'Resolved'
                )}
              </td>
              {history ? null : (
                <td className="col-actions">
                  {a.state === 'firing' && onAck ? (
                    <button type="button" className="btn btn-small" onClick={() => onAck(a)} disabled={!mayAck.allowed} title={mayAck.reason} aria-label={`Acknowledge ${a.summary || a.ruleName} on ${a.deviceName ?? 'no device'}`}>
                      Acknowledge
                    </button>
                  ) : null}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CONDITION_WORDS = (r: Rule): string => {
  const c = r.condition;
  switch (c.kind) {
    case 'threshold':
      return `${c.metric} ${c.op} ${c.value}${c.forSec ? ` for ${c.forSec} s` : ''}`;
    case 'rate':
      return `${c.metric} changes ${c.op} ${c.value}/s${c.forSec ? ` for ${c.forSec} s` : ''}`;
    case 'availability':
      return `Device down (${c.source === 'icmp' ? 'ping' : 'SNMP'})`;
    case 'absence':
      return `No ${c.metric} for ${c.forSec} s`;
    case 'oper_status':
      return 'Interface leaves the up state';
    case 'state':
      return `${c.metric} ${c.op === 'in' ? 'in' : 'not in'} ${c.values.join(', ')}${c.forSec ? ` for ${c.forSec} s` : ''}`;
  }
};

function RulesSection() {
  const { rules, rulesLoaded, loadRules, deleteRule } = useAlertsStore();
  const devices = useDevicesStore((s) => s.items);
  const [dialog, setDialog] = useState<{ kind: 'none' } | { kind: 'new' } | { kind: 'edit'; rule: Rule } | { kind: 'delete'; rule: Rule }>({ kind: 'none' });
  useEffect(() => {
    void loadRules();
  }, [loadRules]);
  const names = useMemo(() => new Map(devices.map((d) => [d.id, d.name])), [devices]);
  const close = (): void => setDialog({ kind: 'none' });
  const mayCreate = useCan('alerts.createRule');
  const mayEdit = useCan('alerts.updateRule');
  const mayDelete = useCan('alerts.deleteRule');
  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">Rules decide what fires an alert. Built-in rules can be edited or disabled.</span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })} disabled={!mayCreate.allowed} title={mayCreate.reason}>
          <PlusIcon /> New rule
        </button>
      </div>
      {!rulesLoaded ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading rules…
        </div>
      ) : rules.length === 0 ? (
        <EmptyState icon={<AlertsIcon />} title="No alert rules">
          <p>Add a rule to be told when a device goes down or a value crosses a limit.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Alert rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Severity</th>
                <th scope="col">Condition</th>
                <th scope="col">Applies to</th>
                <th scope="col">Enabled</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <td className="cell-strong">
                    {r.name} {r.builtin ? <span className="badge badge-muted">Built-in</span> : null}
                  </td>
                  <td>
                    <SeverityBadge severity={r.severity} />
                  </td>
                  <td className="mono cell-muted">{CONDITION_WORDS(r)}</td>
                  <td className="cell-muted">{describeScope(r.scope, (id) => names.get(id))}</td>
                  <td>{r.enabled ? <span className="badge badge-ok">On</span> : <span className="badge badge-muted">Off</span>}</td>
                  <EditDeleteCell editLabel={`Edit rule ${r.name}`} deleteLabel={`Delete rule ${r.name}`} onEdit={() => setDialog({ kind: 'edit', rule: r })} onDelete={() => setDialog({ kind: 'delete', rule: r })} editDenied={mayEdit.reason} deleteDenied={mayDelete.reason} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog.kind === 'new' ? <RuleDialog onClose={close} /> : null}
      {dialog.kind === 'edit' ? <RuleDialog rule={dialog.rule} onClose={close} /> : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog title="Delete rule?" confirmLabel="Delete" onClose={close} onConfirm={() => deleteRule(dialog.rule.id)}>
          <p>
            <strong>{dialog.rule.name}</strong> will be deleted and its open alerts resolved.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Alerts: what is firing now, what fired before, the rules, maintenance windows, deliveries. */
function SourceFilter() {
  const source = useAlertsStore((s) => s.source);
  const setSource = useAlertsStore((s) => s.setSource);
  return (
    <select className="select-auto" value={source} onChange={(e) => setSource(e.target.value as AlertSourceFilter)} aria-label="Filter by source">
      <option value="all">Any source</option>
      <option value="wardflux">WARD FLUX</option>
      <option value="zabbix">Zabbix</option>
    </select>
  );
}

export function AlertsPage({ initialTab }: { initialTab?: string | undefined }) {
  const { active: allActive, activeLoaded, history, historyLoaded, loadHistory, error, source } = useAlertsStore();
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t === initialTab) ?? 'active');
  const active = useMemo(() => (source === 'all' ? allActive : allActive.filter((a) => a.source === source)), [allActive, source]);
  const showSource = tab === 'active' || tab === 'history';
  const [acking, setAcking] = useState<Alert>();
  useEffect(() => {
    if (tab === 'history') void loadHistory();
  }, [tab, loadHistory]);

  return (
    <div className="page">
      <ZabbixMirrorStatus />
      <Tabs<Tab>
        label="Alerts"
        current={tab}
        onChange={setTab}
        tabs={[
          { id: 'active', label: 'Active', badge: allActive.length },
          { id: 'history', label: 'History' },
          { id: 'rules', label: 'Rules' },
          { id: 'maintenance', label: 'Maintenance' },
          { id: 'deliveries', label: 'Deliveries' },
        ]}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="stack">
        {error ? <Banner tone="error">{error}</Banner> : null}
        {showSource ? (
          <div className="toolbar">
            <SourceFilter />
            <span className="toolbar-count">{source === 'all' ? '' : `Only ${source === 'zabbix' ? 'Zabbix problems' : "WARD FLUX's own alerts"}`}</span>
          </div>
        ) : null}
        {tab === 'active' ? (
          !activeLoaded ? (
            <div className="loading" role="status">
              <span className="spinner" aria-hidden="true" /> Loading alerts…
            </div>
          ) : active.length === 0 && source !== 'all' ? (
            <EmptyState icon={<AlertsIcon />} title={source === 'zabbix' ? 'No active Zabbix problems' : 'No active WARD FLUX alerts'} />
          ) : active.length === 0 ? (
            <EmptyState icon={<AlertsIcon />} title="No active alerts">
              <p>Nothing is firing. Alerts appear here the moment a rule fires, and on the dashboard.</p>
            </EmptyState>
          ) : (
            <AlertTable alerts={active} onAck={setAcking} />
          )
        ) : null}
        {tab === 'history' ? (
          !historyLoaded ? (
            <div className="loading" role="status">
              <span className="spinner" aria-hidden="true" /> Loading history…
            </div>
          ) : history.length === 0 ? (
            <EmptyState icon={<AlertsIcon />} title="No resolved alerts yet" />
          ) : (
            <AlertTable alerts={history} history />
          )
        ) : null}
        {tab === 'rules' ? <RulesSection /> : null}
        {tab === 'maintenance' ? <MaintenanceSection /> : null}
        {tab === 'deliveries' ? <OutboxSection /> : null}
      </div>
      {acking ? <AcknowledgeDialog alert={acking} onClose={() => setAcking(undefined)} /> : null}
    </div>
  );
}
