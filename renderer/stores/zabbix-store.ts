import { create } from 'zustand';
import type { InputOf } from '../../main/api/contract.ts';
import type { ZabbixConfig } from '../../main/api/zabbix.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type ZabbixSet = InputOf<'zabbix.setConfig'>;
export type ZabbixTest = InputOf<'zabbix.testConnection'>;
const FIELDS = ['url', 'authMethod', 'token', 'username', 'password', 'hostGroup', 'templates'] as const;

interface ZabbixState {
  config?: ZabbixConfig;
  error?: string;
  load(): Promise<void>;
  save(input: ZabbixSet): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
  test(input: ZabbixTest): Promise<{ ok: boolean; message: string }>;
}

/** The Zabbix connection (secrets write-only). */
export const useZabbixStore = create<ZabbixState>()((set) => ({
  async load() {
    const r = await client.call('zabbix.getConfig', {});
    if (r.ok) set({ config: r.data, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async save(input) {
    const r = await client.call('zabbix.setConfig', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, FIELDS) };
    set({ config: r.data });
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
}));
