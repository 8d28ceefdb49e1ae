import { create } from 'zustand';
import type { Health } from '../../main/api/health.ts';
import { client } from '../client/create-client.ts';
import type { ConnectionState } from '../client/ward-client.ts';

const HEALTH_EVERY_MS = 15_000;

interface ConnectionStoreState extends ConnectionState {
  health?: Health;
  healthError?: string;
  refreshHealth(): Promise<void>;
  signIn(token: string): Promise<{ ok: boolean; message?: string }>;
  signOut(): void;
  retryNow(): void;
}

/** The link to the engine: connection state, sign-in, and the engine's health for the header. */
export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  ...client.connection(),
  async refreshHealth() {
    const result = await client.call('health', {});
    if (result.ok) set({ health: result.data, healthError: undefined });
    else set({ healthError: result.error.message });
  },
  signIn: (token) => client.signIn(token),
  signOut: () => client.signOut(),
  retryNow: () => client.reconnect(),
}));

/**
 * Follows the client's connection state; runs `onReady` each time the engine becomes reachable
 * (first connect and every reconnect, after which the stores reload what they may have missed).
 */
export function startConnectionSync(onReady: () => void): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const refresh = (): void => void useConnectionStore.getState().refreshHealth();
  const stopState = client.onConnection((state) => {
    const wasReady = useConnectionStore.getState().status === 'ready' && timer !== undefined;
    useConnectionStore.setState({ status: state.status, message: state.message, retryAt: state.retryAt });
    if (state.status === 'ready' && !wasReady) {
      refresh();
      timer = setInterval(refresh, HEALTH_EVERY_MS);
      onReady();
    } else if (state.status !== 'ready' && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  // The device count in the header follows the devices.
  const stops = [client.on('device.created', refresh), client.on('device.deleted', refresh), stopState];
  return () => {
    clearInterval(timer);
    for (const stop of stops) stop();
  };
}
