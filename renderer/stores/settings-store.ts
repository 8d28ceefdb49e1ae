import { create } from 'zustand';
import type { InputOf } from '../../main/api/contract.ts';
import type { Settings } from '../../main/api/settings.ts';
import { client } from '../client/create-client.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type SettingsPatch = InputOf<'settings.set'>;

export const SETTINGS_FIELDS = ['monitoringMode', 'icmpIntervalSec', 'snmpIntervalSec', 'siteName', 'technician'] as const;

interface SettingsState {
  settings?: Settings;
  error?: string;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
}

/** Engine-wide settings (settings.get / settings.set). */
export const useSettingsStore = create<SettingsState>()((set) => ({
  async load() {
    const result = await client.call('settings.get', {});
    if (result.ok) set({ settings: result.data, error: undefined });
    else set({ error: result.error.message });
  },
  async save(patch) {
    const result = await client.call('settings.set', patch);
    if (!result.ok) return { ok: false, errors: toFormErrors(result.error, SETTINGS_FIELDS) };
    set({ settings: result.data });
    return { ok: true };
  },
}));

export function startSettingsSync(): () => void {
  return client.on('settings.changed', (settings) => useSettingsStore.setState({ settings }));
}
