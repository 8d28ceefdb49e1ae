import { create } from 'zustand';
import type { DiagnosticsDone, DiagnosticsProgress, DiagnosticsStartInput, MtrResult } from '../../main/api/diagnostics.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type DiagKind = 'ping' | 'traceroute' | 'mtr';

export interface PingProbe {
  target: string;
  index: number;
  status: string;
  rttMs: number | null;
  from: string | null;
}
export interface TraceHop {
  hop: number;
  probes: Array<{ probe: number; address: string | null; rttMs: number | null; status: string }>;
}

export interface Run {
  kind: DiagKind;
  runId?: string;
  status: 'starting' | 'running' | 'completed' | 'cancelled' | 'failed';
  targets: Array<{ input: string; address: string }>;
  probes: PingProbe[];
  hops: TraceHop[];
  mtr?: MtrResult;
  done?: DiagnosticsDone;
  error?: string;
}

interface DiagnosticsState {
  runs: Partial<Record<DiagKind, Run>>;
  errors: Partial<Record<DiagKind, FormErrors>>;
  start(input: DiagnosticsStartInput): Promise<void>;
  cancel(kind: DiagKind): Promise<void>;
  clear(kind: DiagKind): void;
}

const FIELDS = ['targets', 'target', 'count', 'intervalSec', 'sizeBytes', 'timeoutSec', 'maxHops', 'probesPerHop', 'protocol'] as const;
const MAX_PROBES_KEPT = 5000;

/** Events that arrive before diagnostics.start has answered with their runId. */
const early = new Map<string, Array<{ progress?: DiagnosticsProgress; done?: DiagnosticsDone }>>();

function withProgress(run: Run, p: DiagnosticsProgress): Run {
  switch (p.kind) {
    case 'ping': {
      const probes = [...run.probes, { target: p.target, index: p.index, status: p.status, rttMs: p.rttMs, from: p.from }];
      return { ...run, probes: probes.length > MAX_PROBES_KEPT ? probes.slice(-MAX_PROBES_KEPT) : probes };
    }
    case 'traceroute': {
      // Nothing after the last hop (the engine reports none; this mirrors the CLI's rule).
      const last = run.hops.find((h) => h.probes.some((q) => endsTrace(q, run.targets[0]?.address)));
      if (last && p.hop > last.hop) return run;
      const hops = [...run.hops];
      let i = hops.findIndex((h) => h.hop === p.hop);
      if (i < 0) {
        hops.push({ hop: p.hop, probes: [] });
        hops.sort((a, b) => a.hop - b.hop);
        i = hops.findIndex((h) => h.hop === p.hop);
      }
      const hop = hops[i]!;
      hops[i] = { ...hop, probes: [...hop.probes, { probe: p.probe, address: p.address, rttMs: p.rttMs, status: p.status }] };
      return { ...run, hops };
    }
    case 'mtr':
      return { ...run, mtr: p.snapshot };
  }
}

/** True when this probe ends a trace: the target answered, or a router said unreachable. */
function endsTrace(p: { status: string; address: string | null }, target: string | undefined): boolean {
  return (p.status === 'reply' && p.address === target) || p.status === 'unreachable';
}

function withDone(run: Run, d: DiagnosticsDone): Run {
  const next: Run = { ...run, status: d.status, done: d };
  if (d.error) next.error = d.error.message;
  if (d.result?.kind === 'mtr') next.mtr = d.result.mtr;
  // The final result is the truth: its hops replace what streamed in.
  if (d.result?.kind === 'traceroute') next.hops = d.result.trace.hops.map((h) => ({ hop: h.hop, probes: h.probes.map((q, i) => ({ probe: i, ...q })) }));
  return next;
}

/** Ping, traceroute and MTR runs, one per kind, filled live from the engine's events. */
export const useDiagnosticsStore = create<DiagnosticsState>()((set, get) => ({
  runs: {},
  errors: {},
  async start(input) {
    const kind = input.kind;
    set((s) => ({ runs: { ...s.runs, [kind]: { kind, status: 'starting', targets: [], probes: [], hops: [] } }, errors: { ...s.errors, [kind]: undefined } }));
    const r = await client.call('diagnostics.start', input);
    if (!r.ok) {
      set((s) => ({ runs: { ...s.runs, [kind]: undefined }, errors: { ...s.errors, [kind]: toFormErrors(r.error, FIELDS) } }));
      return;
    }
    let run: Run = { kind, runId: r.data.runId, status: 'running', targets: r.data.targets, probes: [], hops: [] };
    for (const e of early.get(r.data.runId) ?? []) {
      if (e.progress) run = withProgress(run, e.progress);
      if (e.done) run = withDone(run, e.done);
    }
    early.delete(r.data.runId);
    set((s) => ({ runs: { ...s.runs, [kind]: run } }));
  },
  async cancel(kind) {
    const runId = get().runs[kind]?.runId;
    if (!runId) return;
    const r = await client.call('diagnostics.cancel', { runId });
    if (!r.ok) set((s) => ({ runs: { ...s.runs, [kind]: s.runs[kind] && { ...s.runs[kind], error: describeError(r.error) } } }));
  },
  clear(kind) {
    set((s) => ({ runs: { ...s.runs, [kind]: undefined }, errors: { ...s.errors, [kind]: undefined } }));
  },
}));

function route(runId: string, kind: DiagKind, apply: (run: Run) => Run, keep: { progress?: DiagnosticsProgress; done?: DiagnosticsDone }): void {
  const run = useDiagnosticsStore.getState().runs[kind];
  if (run?.runId === runId) {
    useDiagnosticsStore.setState((s) => ({ runs: { ...s.runs, [kind]: apply(s.runs[kind]!) } }));
  } else if (run?.status === 'starting') {
    const list = early.get(runId) ?? [];
    list.push(keep);
    early.set(runId, list);
  }
}

export function startDiagnosticsSync(): () => void {
  const stops = [
    client.on('diagnostics.progress', (p) => route(p.runId, p.kind, (run) => withProgress(run, p), { progress: p })),
    client.on('diagnostics.done', (d) => route(d.runId, d.kind, (run) => withDone(run, d), { done: d })),
  ];
  return () => stops.forEach((s) => s());
}
