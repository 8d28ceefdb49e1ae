/** The diagnostics.* procedures, spread into the engine's handler map. */
import type { Handlers } from '../api/dispatcher.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import { createDiagnosticsRunner, type DiagnosticsRunner } from './diagnostics-runs.ts';
import type { IcmpService } from './icmp-service.ts';

type DiagnosticsHandlers = Pick<Handlers, 'diagnostics.start' | 'diagnostics.cancel' | 'diagnostics.icmpMethod'>;

export function createDiagnosticsHandlers(d: { icmp: IcmpService; events: EventBus; logger: Logger; runner?: DiagnosticsRunner }): DiagnosticsHandlers {
  const runner =
    d.runner ??
    createDiagnosticsRunner({
      pinger: () => d.icmp.pinger(),
      emitProgress: (p) => d.events.emit('diagnostics.progress', p),
      emitDone: (p) => d.events.emit('diagnostics.done', p),
      logger: d.logger,
    });
  return {
    'diagnostics.start': (input) => runner.start(input),
    'diagnostics.cancel': ({ runId }) => ({ runId, cancelled: runner.cancel(runId) }),
    'diagnostics.icmpMethod': () => d.icmp.methodInfo(),
  };
}
