import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../main/api/contract.ts';
import type { CallOptions } from '../client/ward-client.ts';

/** A fake client whose test push waits until its signal aborts, then answers like the engine. */
const call = vi.fn((name: string, _input: unknown, options?: CallOptions) =>
  new Promise<Result<unknown>>((resolve) => {
    if (name !== 'sync.testConnection') return resolve({ ok: true, data: {} });
    options?.signal?.addEventListener('abort', () => resolve({ ok: false, error: { code: 'cancelled', message: 'sync.testConnection was cancelled' } }));
  }),
);
vi.mock('../client/create-client.ts', () => ({ client: { call: (name: string, input: unknown, options?: CallOptions) => call(name, input, options) } }));

const { useSyncStore } = await import('./sync-store.ts');

describe('sync store', () => {
  it('hands the test push its signal: aborting it (the form left) cancels the call', async () => {
    const ac = new AbortController();
    const outcome = useSyncStore.getState().test({ url: 'http://vm.example:8428/' }, ac.signal);
    expect(call).toHaveBeenCalledWith('sync.testConnection', { url: 'http://vm.example:8428/' }, { signal: ac.signal });
    ac.abort();
    expect(await outcome).toMatchObject({ ok: false, message: expect.stringMatching(/cancel/i) });
  });
});
