import { create } from 'zustand';
import type { InputOf } from '../../main/api/contract.ts';
import type { ZabbixConfig, ZabbixStatus } from '../../main/api/zabbix.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type ZabbixSet = InputOf<'zabbix.setConfig'>;
export type ZabbixTest = InputOf<'zabbix.testConnection'>;
const FIELDS = ['url', 'authMethod', 'token', 'username', 'password', 'hostGroup', 'templates'] as const;

interface ZabbixState {
  config?: ZabbixConfig;
  error?: string;
  /** The mirror (Zabbix and hybrid modes): kept live by the `zabbix.status` event. */
  status?: ZabbixStatus;
  statusError?: string;
  /** A "Sync now" is running. */
  syncing: boolean;
  load(): Promise<void>;
  save(input: ZabbixSet): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
  test(input: ZabbixTest): Promise<{ ok: boolean; message: string }>;
  loadStatus(): Promise<void>;
  /** Reads Zabbix now; resolves with a problem in words, or undefined. */
  refresh(): Promise<string | undefined>;
  /** Queues these devices for a push to Zabbix (delivered by the outbox). */
  push(deviceIds: string[]): Promise<{ ok: true; queued: number } | { ok: false; message: string }>;
}

/** The Zabbix connection (secrets write-only), the mirror's status and the push to Zabbix. */
export const useZabbixStore = create<ZabbixState>()((set, get) => ({
  syncing: false,
  async load() {
    const r = await client.call('zabbix.getConfig', {});
    if (r.ok) set({ config: r.data, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async save(input) {
    const r = await client.call('zabbix.setConfig', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, FIELDS) };
    set({ config: r.data });
    void get().loadStatus();
    return { ok: true };
  },
  async test(input) {
    const r = await client.call('zabbix.testConnection', input);
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    const { version, authenticated, latencyMs } = r.data;
    return {
      ok: authenticated,
      message: authenticated
        ? `Connected to Zabbix ${version} and signed in (${Math.round(latencyMs)} ms).`
        : `Reached Zabbix ${version} (${Math.round(latencyMs)} ms), but no credential was accepted: give a token or a user and password.`,
    };
  },
  async loadStatus() {
    const r = await client.call('zabbix.status', {});
    if (r.ok) set({ status: r.data, statusError: undefined });
    else set({ statusError: describeError(r.error) });
  },
  async refresh() {
    set({ syncing: true });
    const r = await client.call('zabbix.refresh', {});
    set(r.ok ? { syncing: false, status: r.data, statusError: undefined } : { syncing: false });
    return r.ok ? undefined : describeError(r.error);
  },
  async push(deviceIds) {
    const r = await client.call('zabbix.pushDevices', { deviceIds });
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    void get().loadStatus();
    return { ok: true, queued: r.data.queued };
  },
}));

/** Why pushing to Zabbix is not possible now, in words; undefined when it is. */
export function pushUnavailable(config: ZabbixConfig | undefined): string | undefined {
  if (!config) return 'Loading the Zabbix settings…';
  return config.url ? undefined : 'No Zabbix server is configured: set its URL and credential in Settings, Zabbix connection.';
}

/** The mirror's status after each sync attempt; the settings, since they carry the mode. */
export function startZabbixSync(): () => void {
  const stops = [
    client.on('zabbix.status', (status) => useZabbixStore.setState({ status, statusError: undefined })),
    client.on('settings.changed', () => void useZabbixStore.getState().loadStatus()),
  ];
  return () => stops.forEach((stop) => stop());
}

/** Reloads the connection and the mirror's status after a (re)connect. */
export function reloadZabbix(): void {
  const s = useZabbixStore.getState();
  void s.load();
  void s.loadStatus();
}
