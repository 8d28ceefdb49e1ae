/**
 * The rule evaluator: pure state machines, no I/O, no clock of its own (every input carries its
 * time). It turns samples, availability changes and absence checks into fire/resolve transitions,
 * one open alert per rule+series, and tracks state changes per rule+series for flap detection.
 *
 * Incremental: rules are indexed by metric name (and availability rules by source), so a batch
 * of samples only runs the rules that watch those metrics; a scope check per (rule, sample) then
 * uses the device directory's cached facts.
 */
import type { AvailabilityChange, Rule, RuleCondition, Severity } from '../api/alerts.ts';
import { alertSentence } from './alert-sentence.ts';
import { conditionHolds } from './condition-holds.ts';
import { type DeviceDirectory, scopeMatches } from './scope.ts';

/** What the evaluator needs of a rule. */
export type EvalRule = Pick<Rule, 'id' | 'name' | 'severity' | 'scope' | 'condition' | 'flap' | 'enabled'>;

/** One sample, as the metrics store streams it (`metrics.samples`). */
export interface EvalSample {
  seriesId: number;
  name: string;
  labels: Readonly<Record<string, string>>;
  ts: number;
  value: number;
}

export interface Transition {
  type: 'fire' | 'resolve';
  rule: EvalRule;
  /** `s:<seriesId>` or `avail:<source>:<deviceId>`. */
  seriesKey: string;
  deviceId: string | null;
  metric: string | null;
  labels: Record<string, string>;
  /** The value that caused it (the computed rate for rate rules); null for availability/absence. */
  value: number | null;
  at: number;
  summary: string;
  /** The rule+series changed state too often within the rule's flap window: hold notifications. */
  flapping: boolean;
}

/** A firing alert whose flapping ended (no longer too many changes within the window). */
export interface Calmed {
  rule: EvalRule;
  seriesKey: string;
  at: number;
}

interface KeyState {
  firing: boolean;
  /** Since when the condition has held without interruption (threshold/rate), else null. */
  breachSince: number | null;
  lastTs: number;
  prevValue: number | null;
  prevTs: number | null;
  /** Absence rules: the latest sample's time; with the sample's identity for the summary. */
  lastSeen: number | null;
  seriesId: number | null;
  deviceId: string | null;
  metric: string | null;
  labels: Record<string, string>;
  /** Times of the latest state changes (fire or resolve), newest last, pruned to the flap window. */
  changes: number[];
  flapping: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, minor: 2, major: 3, critical: 4 };
export const severityRank = (s: Severity): number => SEVERITY_RANK[s];

function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2).replace(/\.?0+$/, '') : v.toPrecision(3);
}

function fmtDuration(sec: number): string {
  if (sec % 3600 === 0 && sec >= 3600) return `${sec / 3600} h`;
  if (sec % 60 === 0 && sec >= 60) return `${sec / 60} min`;
  return `${sec} s`;
}

/** The part of labels that tells series of one device apart (interface, storage, cpu...). */
function labelText(labels: Readonly<Record<string, string>>): string {
  const parts = Object.entries(labels)
    .filter(([k]) => k !== 'device')
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? ` {${parts.join(', ')}}` : '';
}

/**
 * Breach and recovery of a threshold or rate condition. With a recovery threshold there is a
 * dead band: between recovery and value the state does not change.
 */
function breaches(c: Extract<RuleCondition, { kind: 'threshold' | 'rate' | 'state' }>, v: number): boolean {
  return conditionHolds(c, v);
}
function recovers(c: Extract<RuleCondition, { kind: 'threshold' | 'rate' | 'state' }>, v: number): boolean {
  if (c.kind === 'state' || c.recovery === undefined) return !breaches(c, v);
  return c.op === 'above' ? v < c.recovery : v > c.recovery;
}

export interface Evaluator {
  /** Replaces the rule set; state of rules that are gone or disabled is dropped. */
  setRules(rules: readonly EvalRule[]): void;
  /** Marks rule+series keys as firing (open alerts restored from the store at start). */
  restore(open: ReadonlyArray<{ ruleId: string; seriesKey: string; flapping?: boolean }>): void;
  /** Forgets that a rule+series is firing (its alert was resolved from outside). */
  forget(ruleId: string, seriesKey: string): void;
  samples(batch: readonly EvalSample[]): Transition[];
  availability(change: AvailabilityChange): Transition[];
  /** Absence rules (fire when a series went quiet) and flap calming, at time `now`. */
  tick(now: number): { transitions: Transition[]; calmed: Calmed[] };
  /** Absence rules: remember a series' latest sample from before start, so a series that stays quiet after a restart still fires. */
  seedLastSeen(sample: Omit<EvalSample, 'value'>): void;
  /** Metric names some enabled rule watches (the evaluation index's keys). */
  watchedMetrics(): string[];
}

/** `words`: a metric's name and unit (catalog or template), and a state item's state names, for the sentences of metrics without a phrasing. */
export function createEvaluator(
  devices: DeviceDirectory,
  words: (metric: string) => { name: string; unit: string; states?: Readonly<Record<string, string>> | undefined } | undefined = () => undefined,
): Evaluator {
  let byMetric = new Map<string, EvalRule[]>();
  let availabilityRules: EvalRule[] = [];
  let absenceRules: EvalRule[] = [];
  let rulesById = new Map<string, EvalRule>();
  const states = new Map<string, KeyState>();
  /** Open alerts restored before their rule's first evaluation. */
  const restoredOpen = new Map<string, boolean>();

  const keyOf = (ruleId: string, seriesKey: string) => `${ruleId}\u0000${seriesKey}`;

  function state(ruleId: string, seriesKey: string): KeyState {
    const k = keyOf(ruleId, seriesKey);
    let s = states.get(k);
    if (!s) {
      const restored = restoredOpen.get(k);
      s = {
        firing: restored !== undefined,
        breachSince: null,
        lastTs: -Infinity,
        prevValue: null,
        prevTs: null,
        lastSeen: null,
        seriesId: null,
        deviceId: null,
        metric: null,
        labels: {},
        changes: [],
        flapping: restored ?? false,
      };
      restoredOpen.delete(k);
      states.set(k, s);
    }
    return s;
  }

  /** Records a state change and says whether the rule+series is flapping now. */
  function recordChange(rule: EvalRule, s: KeyState, at: number): boolean {
    const since = at - rule.flap.windowSec * 1000;
    s.changes.push(at);
    while (s.changes.length && (s.changes[0] as number) <= since) s.changes.shift();
    if (s.changes.length >= rule.flap.changes) s.flapping = true;
    return s.flapping;
  }

  function transition(type: Transition['type'], rule: EvalRule, seriesKey: string, s: KeyState, at: number, value: number | null, summary: string): Transition {
    s.firing = type === 'fire';
    const flapping = recordChange(rule, s, at);
    return { type, rule, seriesKey, deviceId: s.deviceId, metric: s.metric, labels: { ...s.labels }, value, at, summary, flapping };
  }

  function deviceName(deviceId: string | null): string {
    if (deviceId === null) return 'no device';
    return devices.get(deviceId)?.name ?? deviceId;
  }

  function summaryOf(rule: EvalRule, s: KeyState, value: number | null, resolved: boolean): string {
    const c = rule.condition;
    const where = `${s.metric ?? ''}${labelText(s.labels)} on ${deviceName(s.deviceId)}`;
    switch (c.kind) {
      case 'threshold':
      case 'rate': {
        if (c.kind === 'threshold' && s.metric !== null) {
          const forText = c.forSec > 0 ? fmtDuration(c.forSec) : undefined;
          const sentence = alertSentence({ metric: s.metric, labels: s.labels, device: deviceName(s.deviceId), value, resolved, threshold: { op: c.op, value: c.value, forText }, words: words(s.metric) });
          if (sentence !== null) return sentence;
        }
        const what = c.kind === 'rate' ? `rate of ${where}` : where;
        const v = value === null ? '?' : fmt(value) + (c.kind === 'rate' ? '/s' : '');
        if (resolved) return `${rule.name}: ${what} is back to ${v}`;
        const dur = c.forSec > 0 ? ` for ${fmtDuration(c.forSec)}` : '';
        return `${rule.name}: ${what} is ${v} (${c.op} ${fmt(c.value)}${dur})`;
      }
      case 'state': {
        const forText = c.forSec > 0 ? fmtDuration(c.forSec) : undefined;
        const sentence = s.metric === null ? null : alertSentence({ metric: s.metric, labels: s.labels, device: deviceName(s.deviceId), value, resolved, state: { op: c.op, values: c.values, forText }, words: words(s.metric) });
        if (sentence !== null) return sentence;
        const v = value === null ? '?' : fmt(value);
        if (resolved) return `${rule.name}: ${where} is back to ${v}`;
        return `${rule.name}: ${where} is ${v} (${c.op === 'in' ? 'one of' : 'none of'} ${c.values.join(', ')}${forText ? ` for ${forText}` : ''})`;
      }
      case 'oper_status':
        return (
          alertSentence({ metric: 'if_oper_status', labels: s.labels, device: deviceName(s.deviceId), value, resolved }) ??
          `${rule.name}: interface${labelText(s.labels)} on ${deviceName(s.deviceId)} is not up`
        );
      case 'absence':
        return resolved ? `${rule.name}: ${where} reports again` : `${rule.name}: no data from ${where} for ${fmtDuration(c.forSec)}`;
      case 'availability': {
        const what = c.source === 'icmp' ? 'does not answer ping' : 'does not answer SNMP';
        return resolved ? `${rule.name}: ${deviceName(s.deviceId)} is reachable again` : `${rule.name}: ${deviceName(s.deviceId)} ${what}`;
      }
    }
  }

  function onSample(rule: EvalRule, sample: EvalSample, out: Transition[]): void {
    const seriesKey = `s:${sample.seriesId}`;
    const s = state(rule.id, seriesKey);
    if (sample.ts <= s.lastTs) return; // late or replayed sample: the state already moved past it
    s.lastTs = sample.ts;
    s.seriesId = sample.seriesId;
    s.deviceId = sample.labels.device ?? null;
    s.metric = sample.name;
    s.labels = { ...sample.labels };
    const c = rule.condition;
    switch (c.kind) {
      case 'threshold':
      case 'rate':
      case 'state': {
        let v = sample.value;
        if (c.kind === 'rate') {
          const prevV = s.prevValue;
          const prevT = s.prevTs;
          s.prevValue = sample.value;
          s.prevTs = sample.ts;
          if (prevV === null || prevT === null) return;
          v = ((sample.value - prevV) * 1000) / (sample.ts - prevT);
        }
        if (!s.firing) {
          if (breaches(c, v)) {
            s.breachSince ??= sample.ts;
            if (sample.ts - s.breachSince >= c.forSec * 1000) out.push(transition('fire', rule, seriesKey, s, sample.ts, v, summaryOf(rule, s, v, false)));
          } else {
            s.breachSince = null;
          }
        } else if (recovers(c, v)) {
          s.breachSince = null;
          out.push(transition('resolve', rule, seriesKey, s, sample.ts, v, summaryOf(rule, s, v, true)));
        }
        return;
      }
      case 'oper_status': {
        const prev = s.prevValue;
        s.prevValue = sample.value;
        // IF-MIB ifOperStatus: 1 = up. An interface first seen down (unused port) is not an alert.
        if (!s.firing && prev === 1 && sample.value !== 1) out.push(transition('fire', rule, seriesKey, s, sample.ts, sample.value, summaryOf(rule, s, sample.value, false)));
        else if (s.firing && sample.value === 1) out.push(transition('resolve', rule, seriesKey, s, sample.ts, sample.value, summaryOf(rule, s, sample.value, true)));
        return;
      }
      case 'absence':
        s.lastSeen = sample.ts;
        if (s.firing) out.push(transition('resolve', rule, seriesKey, s, sample.ts, null, summaryOf(rule, s, null, true)));
        return;
      case 'availability':
        return;
    }
  }

  return {
    setRules(rules) {
      byMetric = new Map();
      availabilityRules = [];
      absenceRules = [];
      rulesById = new Map();
      for (const rule of rules) {
        if (!rule.enabled) continue;
        rulesById.set(rule.id, rule);
        const c = rule.condition;
        if (c.kind === 'availability') {
          availabilityRules.push(rule);
          continue;
        }
        if (c.kind === 'absence') absenceRules.push(rule);
        const list = byMetric.get(c.metric) ?? [];
        list.push(rule);
        byMetric.set(c.metric, list);
      }
      for (const k of states.keys()) {
        const ruleId = k.slice(0, k.indexOf('\u0000'));
        if (!rulesById.has(ruleId)) states.delete(k);
      }
    },

    restore(open) {
      for (const o of open) {
        const k = keyOf(o.ruleId, o.seriesKey);
        const s = states.get(k);
        if (s) {
          s.firing = true;
          s.flapping = o.flapping ?? false;
        } else restoredOpen.set(k, o.flapping ?? false);
      }
    },

    forget(ruleId, seriesKey) {
      const k = keyOf(ruleId, seriesKey);
      restoredOpen.delete(k);
      const s = states.get(k);
      if (s) {
        s.firing = false;
        s.breachSince = null;
      }
    },

    samples(batch) {
      const out: Transition[] = [];
      for (const sample of batch) {
        const rules = byMetric.get(sample.name);
        if (!rules) continue;
        const deviceId = sample.labels.device ?? null;
        for (const rule of rules) {
          if (scopeMatches(rule.scope, deviceId, sample.labels, devices)) onSample(rule, sample, out);
        }
      }
      return out;
    },

    availability(change) {
      const out: Transition[] = [];
      for (const rule of availabilityRules) {
        const c = rule.condition;
        if (c.kind !== 'availability' || c.source !== change.source) continue;
        if (!scopeMatches(rule.scope, change.deviceId, {}, devices)) continue;
        const seriesKey = `avail:${change.source}:${change.deviceId}`;
        const s = state(rule.id, seriesKey);
        if (change.atMs < s.lastTs) continue;
        s.lastTs = change.atMs;
        s.deviceId = change.deviceId;
        s.metric = null;
        s.labels = { device: change.deviceId };
        if (change.status === 'down' && !s.firing) out.push(transition('fire', rule, seriesKey, s, change.atMs, null, summaryOf(rule, s, null, false)));
        else if (change.status === 'up' && s.firing) out.push(transition('resolve', rule, seriesKey, s, change.atMs, null, summaryOf(rule, s, null, true)));
      }
      return out;
    },

    tick(now) {
      const transitions: Transition[] = [];
      for (const rule of absenceRules) {
        const c = rule.condition;
        if (c.kind !== 'absence') continue;
        const prefix = `${rule.id}\u0000`;
        for (const [k, s] of states) {
          if (!k.startsWith(prefix) || s.firing || s.lastSeen === null) continue;
          if (now - s.lastSeen >= c.forSec * 1000) {
            transitions.push(transition('fire', rule, k.slice(prefix.length), s, now, null, summaryOf(rule, s, null, false)));
          }
        }
      }
      const calmed: Calmed[] = [];
      for (const [k, s] of states) {
        if (!s.flapping) continue;
        const ruleId = k.slice(0, k.indexOf('\u0000'));
        const rule = rulesById.get(ruleId);
        if (!rule) continue;
        const since = now - rule.flap.windowSec * 1000;
        while (s.changes.length && (s.changes[0] as number) <= since) s.changes.shift();
        // Hysteresis: flapping ends only when the window holds at most half the threshold.
        if (s.changes.length <= Math.floor(rule.flap.changes / 2)) {
          s.flapping = false;
          if (s.firing) calmed.push({ rule, seriesKey: k.slice(ruleId.length + 1), at: now });
        }
      }
      return { transitions, calmed };
    },

    seedLastSeen(sample) {
      for (const rule of absenceRules) {
        if (rule.condition.kind !== 'absence' || rule.condition.metric !== sample.name) continue;
        const deviceId = sample.labels.device ?? null;
        if (!scopeMatches(rule.scope, deviceId, sample.labels, devices)) continue;
        const s = state(rule.id, `s:${sample.seriesId}`);
        if (s.lastSeen === null || sample.ts > s.lastSeen) {
          s.lastSeen = sample.ts;
          s.seriesId = sample.seriesId;
          s.deviceId = deviceId;
          s.metric = sample.name;
          s.labels = { ...sample.labels };
        }
      }
    },

    watchedMetrics: () => [...byMetric.keys()],
  };
}
