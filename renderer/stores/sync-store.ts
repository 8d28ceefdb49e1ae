import { create } from 'zustand';
import type { InputOf, OutputOf } from '../../main/api/contract.ts';
import type { ErrorBody } from '../../main/api/result.ts';
import type { SyncConfig, SyncStatus } from '../../main/api/sync.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type SyncSet = InputOf<'sync.setConfig'>;
export type SyncTest = InputOf<'sync.testConnection'>;
export type SyncTestResult = OutputOf<'sync.testConnection'>;

/** The form's fields; an extra label's issue (`extraLabels.site`) goes next to its own field (`label:site`). */
const FIELDS = ['url', 'authMethod', 'username', 'password', 'token', 'extraLabels', 'enabled', 'label:site', 'label:technician'] as const;

function labelIssuesToFields(error: ErrorBody): ErrorBody {
  if (!error.issues) return error;
  return {
    ...error,
    issues: error.issues.map((i) => {
      const m = /^extraLabels\.(site|technician)$/.exec(i.path);
      return m ? { ...i, path: `label:${m[1]}` } : i;
    }),
  };
}

interface SyncState {
  config?: SyncConfig;
  error?: string;
  status?: SyncStatus;
  statusError?: string;
  load(): Promise<void>;
  loadStatus(): Promise<void>;
  save(input: SyncSet): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
  /** A test push; aborting `signal` (the form left) cancels it in the engine. */
  test(input: SyncTest, signal?: AbortSignal): Promise<{ ok: boolean; message: string; warnings: string[] }>;
  retryDead(): Promise<{ ok: boolean; message: string }>;
}

/** Words for a test push: what worked or why not, and what the server said about itself. */
export function describeTest(t: SyncTestResult): string {
  if (!t.ok) return `VictoriaMetrics did not accept a test push: ${t.error ?? 'no reason given'}.`;
  const facts = [t.dedupInterval ? `deduplication ${t.dedupInterval}` : null, t.retention ? `retention ${t.retention}` : null].filter(Boolean);
  return `VictoriaMetrics accepted a test push (${Math.round(t.latencyMs)} ms)${facts.length > 0 ? `; server ${facts.join(', ')}` : ''}.`;
}

/** The VictoriaMetrics sync target (secrets write-only) and its live status. */
export const useSyncStore = create<SyncState>()((set, get) => ({
  async load() {
    const r = await client.call('sync.getConfig', {});
    if (r.ok) set({ config: r.data, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async loadStatus() {
    const r = await client.call('sync.status', {});
    if (r.ok) set({ status: r.data, statusError: undefined });
    else set({ statusError: describeError(r.error) });
  },
  async save(input) {
    const r = await client.call('sync.setConfig', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(labelIssuesToFields(r.error), FIELDS) };
    set({ config: r.data });
    void get().loadStatus();
    return { ok: true };
  },
  async test(input, signal) {
    const r = await client.call('sync.testConnection', input, { signal });
    void get().loadStatus();
    if (!r.ok) return { ok: false, message: describeError(r.error), warnings: [] };
    return { ok: r.data.ok, message: describeTest(r.data), warnings: r.data.warnings };
  },
  async retryDead() {
    const r = await client.call('sync.retryDead', {});
    await get().loadStatus();
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    return { ok: true, message: `Put ${r.data.batches} batch${r.data.batches === 1 ? '' : 'es'} (${r.data.samples} samples) back in the queue.` };
  },
}));
