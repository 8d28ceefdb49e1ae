import { create } from 'zustand';
import type { RetentionDays } from '../../main/api/metrics.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export const RETENTION_FIELDS = ['rawDays', 'fiveMinuteDays', 'hourDays'] as const;

interface RetentionState {
  retention?: RetentionDays;
  error?: string;
  load(): Promise<void>;
  save(input: Partial<RetentionDays>): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
}

/** How long raw samples and the 5-minute and 1-hour rollups are kept (metrics.getRetention / setRetention). */
export const useRetentionStore = create<RetentionState>()((set) => ({
  async load() {
    const r = await client.call('metrics.getRetention', {});
    if (r.ok) set({ retention: r.data, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async save(input) {
    const r = await client.call('metrics.setRetention', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, RETENTION_FIELDS) };
    set({ retention: r.data });
    return { ok: true };
  },
}));
