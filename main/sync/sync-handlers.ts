/** The contract's `sync.*` procedures, spread into the engine's handler map. */
import type { Handlers } from '../api/dispatcher.ts';
import type { SyncArea } from './sync-service.ts';

type SyncHandlers = Pick<Handlers, 'sync.getConfig' | 'sync.setConfig' | 'sync.status' | 'sync.testConnection' | 'sync.retryDead'>;

export function createSyncHandlers(d: { sync: SyncArea }): SyncHandlers {
  const s = d.sync;
  return {
    'sync.getConfig': () => s.getConfig(),
    'sync.setConfig': (input) => s.setConfig(input),
    'sync.status': () => s.status(),
    // Up to the push timeout against a remote server: the client may cancel it (ctx.signal).
    'sync.testConnection': (input, ctx) => s.testConnection(input, ctx.signal),
    'sync.retryDead': () => s.retryDead(),
  };
}
