import { create } from 'zustand';
import type { Alert, AlertEvent, MaintenanceWindow, Rule, Severity } from '../../main/api/alerts.ts';
import type { InputOf, OutputOf } from '../../main/api/contract.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type RuleCreate = InputOf<'alerts.createRule'>;
export type RuleUpdate = InputOf<'alerts.updateRule'>;
export type MaintenanceCreate = InputOf<'maintenance.create'>;
export type KnownMetricT = OutputOf<'alerts.metrics'>[number];

export const SEVERITIES: Severity[] = ['critical', 'major', 'minor', 'warning', 'info'];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 5, major: 4, minor: 3, warning: 2, info: 1 };

const RULE_FIELDS = ['name', 'description', 'enabled', 'severity', 'scope', 'condition', 'flap'] as const;
/** Condition issues keep their field: `forSec|Duration must be...`, split by the rule dialog. */
const ruleIssue = (path: string, message: string): string => (path.startsWith('condition.') ? `${path.split('.')[1]}|${message}` : message);
const WINDOW_FIELDS = ['name', 'enabled', 'scope', 'schedule'] as const;

export type AlertSourceFilter = 'all' | Alert['source'];

type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

interface AlertsState {
  active: Alert[];
  activeLoaded: boolean;
  history: Alert[];
  historyLoaded: boolean;
  rules: Rule[];
  rulesLoaded: boolean;
  windows: MaintenanceWindow[];
  windowsLoaded: boolean;
  metrics: KnownMetricT[];
  /** Only WARD FLUX's own alerts or only Zabbix problems (active: filtered here; history: asked of the engine). */
  source: AlertSourceFilter;
  error?: string;
  setSource(source: AlertSourceFilter): void;
  loadActive(): Promise<void>;
  loadHistory(): Promise<void>;
  loadRules(): Promise<void>;
  loadWindows(): Promise<void>;
  loadMetrics(): Promise<void>;
  get(id: string): Promise<{ ok: true; alert: Alert; events: AlertEvent[] } | { ok: false; message: string }>;
  acknowledge(id: string, by: string, comment?: string): Promise<Outcome<Alert>>;
  comment(id: string, by: string, comment: string): Promise<Outcome<AlertEvent>>;
  createRule(input: RuleCreate): Promise<Outcome<Rule>>;
  updateRule(input: RuleUpdate): Promise<Outcome<Rule>>;
  deleteRule(id: string): Promise<string | undefined>;
  createWindow(input: MaintenanceCreate): Promise<Outcome<MaintenanceWindow>>;
  setWindowEnabled(id: string, enabled: boolean): Promise<string | undefined>;
  deleteWindow(id: string): Promise<string | undefined>;
}

const newestFirst = (a: Alert, b: Alert): number => b.startedAt - a.startedAt;
const bySeverityThenNewest = (a: Alert, b: Alert): number => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || newestFirst(a, b);
const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

function upsert<T extends { id: string }>(items: T[], item: T, sort: (a: T, b: T) => number): T[] {
  return [...items.filter((x) => x.id !== item.id), item].sort(sort);
}

/** Alerts (active and history), rules, maintenance windows; live through `alert.changed`. */
export const useAlertsStore = create<AlertsState>()((set, get) => ({
  active: [],
  activeLoaded: false,
  history: [],
  historyLoaded: false,
  rules: [],
  rulesLoaded: false,
  windows: [],
  windowsLoaded: false,
  metrics: [],
  source: 'all',

  setSource(source) {
    set({ source });
    if (get().historyLoaded) void get().loadHistory();
  },
  async loadActive() {
    const r = await client.call('alerts.list', { status: 'active', limit: 5000 });
    if (r.ok) set({ active: [...r.data.items].sort(bySeverityThenNewest), activeLoaded: true, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async loadHistory() {
    const source = get().source;
    const r = await client.call('alerts.list', { status: 'history', limit: 500, ...(source === 'all' ? {} : { source }) });
    if (get().source !== source) return;
    if (r.ok) set({ history: [...r.data.items].sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0)), historyLoaded: true });
    else set({ error: describeError(r.error) });
  },
  async loadRules() {
    const r = await client.call('alerts.listRules', {});
    if (r.ok) set({ rules: [...r.data].sort(byName), rulesLoaded: true });
    else set({ error: describeError(r.error) });
  },
  async loadWindows() {
    const r = await client.call('maintenance.list', {});
    if (r.ok) set({ windows: [...r.data].sort(byName), windowsLoaded: true });
    else set({ error: describeError(r.error) });
  },
  async loadMetrics() {
    const r = await client.call('alerts.metrics', {});
    if (r.ok) set({ metrics: r.data });
  },
  async get(id) {
    const r = await client.call('alerts.get', { id });
    return r.ok ? { ok: true, alert: r.data.alert, events: r.data.events } : { ok: false, message: describeError(r.error) };
  },
  async acknowledge(id, by, comment) {
    const r = await client.call('alerts.acknowledge', { id, by, ...(comment ? { comment } : {}) });
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, ['by', 'comment']) };
    applyAlert(r.data);
    return { ok: true, value: r.data };
  },
  async comment(id, by, comment) {
    const r = await client.call('alerts.comment', { id, by, comment });
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, ['by', 'comment']) };
    return { ok: true, value: r.data };
  },
  async createRule(input) {
    const r = await client.call('alerts.createRule', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, RULE_FIELDS, ruleIssue) };
    set({ rules: upsert(get().rules, r.data, byName) });
    return { ok: true, value: r.data };
  },
  async updateRule(input) {
    const r = await client.call('alerts.updateRule', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, RULE_FIELDS, ruleIssue) };
    set({ rules: upsert(get().rules, r.data, byName) });
    return { ok: true, value: r.data };
  },
  async deleteRule(id) {
    const r = await client.call('alerts.deleteRule', { id });
    if (!r.ok) return describeError(r.error);
    set({ rules: get().rules.filter((x) => x.id !== id) });
    return undefined;
  },
  async createWindow(input) {
    const r = await client.call('maintenance.create', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, WINDOW_FIELDS) };
    set({ windows: upsert(get().windows, r.data, byName) });
    return { ok: true, value: r.data };
  },
  async setWindowEnabled(id, enabled) {
    const r = await client.call('maintenance.update', { id, enabled });
    if (!r.ok) return describeError(r.error);
    set({ windows: upsert(get().windows, r.data, byName) });
    return undefined;
  },
  async deleteWindow(id) {
    const r = await client.call('maintenance.delete', { id });
    if (!r.ok) return describeError(r.error);
    set({ windows: get().windows.filter((x) => x.id !== id) });
    return undefined;
  },
}));

/** Files one changed alert under active or history. */
function applyAlert(alert: Alert): void {
  useAlertsStore.setState((s) => {
    const active = s.active.filter((a) => a.id !== alert.id);
    const history = s.history.filter((a) => a.id !== alert.id);
    const inHistory = s.historyLoaded && (s.source === 'all' || s.source === alert.source);
    if (alert.state === 'resolved') return { active, history: inHistory ? [alert, ...history] : history };
    return { active: [...active, alert].sort(bySeverityThenNewest), history };
  });
}

export function startAlertsSync(): () => void {
  return client.on('alert.changed', ({ alert }) => applyAlert(alert));
}

/** Reloads what the alerts area shows after a (re)connect. */
export function reloadAlerts(): void {
  const s = useAlertsStore.getState();
  void s.loadActive();
  if (s.historyLoaded) void s.loadHistory();
  if (s.rulesLoaded) void s.loadRules();
  if (s.windowsLoaded) void s.loadWindows();
}
