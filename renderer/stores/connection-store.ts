import { create } from 'zustand';
import type { Health } from '../../main/api/health.ts';
import { client } from '../client/create-client.ts';
import type { ConnectionState, WardClient } from '../client/ward-client.ts';
import { signInSecret } from '../lib/sign-in-secret.ts';

const HEALTH_EVERY_MS = 15_000;

interface ConnectionStoreState extends ConnectionState {
  /** 'ws' in a browser on the headless host (sign-in and sign-out apply), 'ipc' in the desktop app. */
  transport: WardClient['transport'];
  /** The sign-in screen is up: from 'auth-required' until ready, through the reconnects a sign-in attempt makes. */
  signInRequired: boolean;
  health?: Health;
  healthError?: string;
  refreshHealth(): Promise<void>;
  /** Signs in with a pasted API token, login secret or whole sign-in link (`…/#token=…`). */
  signIn(text: string): Promise<{ ok: boolean; message?: string }>;
  /** Signs in with a user name and password (users of the headless host and the central). */
  signInWithPassword(user: string, password: string): Promise<{ ok: boolean; message?: string }>;
  signOut(): void;
  retryNow(): void;
}

/** The link to the engine: connection state, sign-in, and the engine's health for the header. */
export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  ...client.connection(),
  transport: client.transport,
  signInRequired: client.connection().status === 'auth-required',
  async refreshHealth() {
    const result = await client.call('health', {});
    if (result.ok) set({ health: result.data, healthError: undefined });
    else set({ healthError: result.error.message });
  },
  signIn: (text) => client.signIn(signInSecret(text)),
  signInWithPassword: (user, password) => client.signIn({ user, password }),
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
    const signInRequired = state.status === 'auth-required' || (state.status === 'connecting' && useConnectionStore.getState().signInRequired);
    useConnectionStore.setState({ status: state.status, message: state.message, retryAt: state.retryAt, signInRequired });
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
