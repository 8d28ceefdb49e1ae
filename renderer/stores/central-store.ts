import { create } from 'zustand';
import type { InputOf, OutputOf } from '../../main/api/contract.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type CentralTarget = OutputOf<'central.getTarget'>;
export type CentralSet = InputOf<'central.setTarget'>;
const FIELDS = ['url', 'token', 'enabled'] as const;

interface CentralState {
  target?: CentralTarget;
  error?: string;
  load(): Promise<void>;
  save(input: CentralSet): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
}

/** The central WARD FLUX this laptop uploads to (its token is write-only). */
export const useCentralStore = create<CentralState>()((set) => ({
  async load() {
    const r = await client.call('central.getTarget', {});
    if (r.ok) set({ target: r.data, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async save(input) {
    const r = await client.call('central.setTarget', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, FIELDS) };
    set({ target: r.data });
    return { ok: true };
  },
}));
