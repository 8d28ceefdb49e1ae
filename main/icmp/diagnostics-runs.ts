/**
 * Diagnostics runs (ping, traceroute, MTR) started through the contract: each gets a runId,
 * streams progress through `emit`, ends with exactly one 'diagnostics.done', and can be
 * cancelled. Input is validated and targets resolved before the runId is returned, so bad
 * input is an error of diagnostics.start itself.
 */
import { randomUUID } from 'node:crypto';
import type { DiagnosticsDone, DiagnosticsProgress, PingTargetResult } from '../api/diagnostics.ts';
import type { ParsedInputOf } from '../api/contract.ts';
import { toErrorBody } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { mtr } from './mtr.ts';
import { checkPingParams, resolveTarget, type ResolvedTarget } from './targets.ts';
import { traceroute } from './traceroute.ts';
import type { Pinger } from './types.ts';

export type StartInput = ParsedInputOf<'diagnostics.start'>;

export interface DiagnosticsRunner {
  start(input: StartInput): Promise<{ runId: string; kind: StartInput['kind']; targets: ResolvedTarget[] }>;
  /** True when the run was still going. */
  cancel(runId: string): boolean;
  /** Cancels every run (engine stop). */
  cancelAll(): void;
  /** Runs still going. */
  active(): string[];
}

export interface DiagnosticsRunnerDeps {
  pinger: () => Pinger;
  emitProgress: (payload: DiagnosticsProgress) => void;
  emitDone: (payload: DiagnosticsDone) => void;
  logger: Logger;
}

export function createDiagnosticsRunner(d: DiagnosticsRunnerDeps): DiagnosticsRunner {
  const runs = new Map<string, AbortController>();

  return {
    async start(input) {
      const pinger = d.pinger();
      const names = input.kind === 'ping' ? input.targets : [input.target];
      if (input.kind !== 'traceroute') {
        checkPingParams(
          { count: input.count, intervalSec: input.intervalSec, sizeBytes: input.kind === 'ping' ? input.sizeBytes : 56, timeoutSec: input.timeoutSec },
          pinger.method,
        );
      }
      const targets = await Promise.all(names.map((n) => resolveTarget(n)));
      const runId = randomUUID();
      const controller = new AbortController();
      const signal = controller.signal;
      runs.set(runId, controller);

      const work = async (): Promise<DiagnosticsDone['result']> => {
        if (input.kind === 'ping') {
          const results = await pinger.probe(
            targets.map((t) => t.address),
            {
              count: input.count,
              intervalMs: input.intervalSec * 1000,
              timeoutMs: input.timeoutSec * 1000,
              size: input.sizeBytes,
              signal,
              onProbe: ({ address, index, outcome }) => {
                if (outcome.status === 'cancelled') return;
                const rtt = 'rttMs' in outcome && Number.isFinite(outcome.rttMs) ? outcome.rttMs : null;
                d.emitProgress({ runId, kind: 'ping', target: address, index, status: outcome.status, rttMs: rtt, from: 'from' in outcome ? outcome.from : null });
              },
            },
          );
          const out: PingTargetResult[] = results.map((r, i) => ({
            input: targets[i]!.input,
            address: r.address,
            sent: r.sent,
            received: r.received,
            lossPct: r.lossPct,
            minMs: r.minMs,
            avgMs: r.avgMs,
            maxMs: r.maxMs,
            medianMs: r.medianMs,
            mdevMs: r.mdevMs,
            jitterMs: r.jitterMs,
          }));
          return { kind: 'ping', targets: out };
        }
        if (input.kind === 'traceroute') {
          const trace = await traceroute(pinger, targets[0]!.address, {
            maxHops: input.maxHops,
            probesPerHop: input.probesPerHop,
            timeoutMs: input.timeoutSec * 1000,
            protocol: input.protocol,
            signal,
            onProbe: ({ hop, probe, result }) => d.emitProgress({ runId, kind: 'traceroute', hop, probe, ...result }),
          });
          return { kind: 'traceroute', trace };
        }
        const result = await mtr(pinger, targets[0]!.address, {
          count: input.count,
          intervalMs: input.intervalSec * 1000,
          timeoutMs: input.timeoutSec * 1000,
          maxHops: input.maxHops,
          protocol: input.protocol,
          signal,
          onRound: (snapshot) => d.emitProgress({ runId, kind: 'mtr', snapshot }),
        });
        return { kind: 'mtr', mtr: result };
      };

      // Started after the caller has the runId: every event carries it.
      setImmediate(() => {
        work().then(
          (result) => d.emitDone({ runId, kind: input.kind, status: signal.aborted ? 'cancelled' : 'completed', result, error: null }),
          (err: unknown) => {
            d.logger.warn({ err, runId }, 'diagnostics run failed');
            d.emitDone({ runId, kind: input.kind, status: 'failed', result: null, error: toErrorBody(err) });
          },
        ).finally(() => runs.delete(runId));
      });
      return { runId, kind: input.kind, targets };
    },
    cancel(runId) {
      const c = runs.get(runId);
      if (!c) return false;
      c.abort();
      return true;
    },
    cancelAll() {
      for (const c of runs.values()) c.abort();
    },
    active: () => [...runs.keys()],
  };
}
