import { describe, expect, it } from 'vitest';
import type { Result } from '../../main/api/contract.ts';
import type { WardfluxBridge } from '../../preload/api-types.d.ts';
import { createIpcClient } from './ipc-client.ts';

/** A bridge double: each invoke waits for the test to answer it; records the ids cancelled. */
function fakeBridge() {
  const invoked: { name: string; callId: number | undefined; answer(r: Result<unknown>): void }[] = [];
  const cancelled: number[] = [];
  const bridge = {
    invoke: (name: string, _input: unknown, callId?: number) => new Promise<Result<unknown>>((answer) => invoked.push({ name, callId, answer })),
    cancel: (callId: number) => void cancelled.push(callId),
    on: () => () => {},
  } as unknown as WardfluxBridge;
  return { bridge, invoked, cancelled };
}

describe('IPC client', () => {
  it('gives a call with a signal an id and cancels that id when the signal aborts', async () => {
    const { bridge, invoked, cancelled } = fakeBridge();
    const client = createIpcClient(bridge);
    void client.call('health', {});
    expect(invoked[0]).toMatchObject({ name: 'health', callId: undefined });

    const ac = new AbortController();
    const pending = client.call('sync.testConnection', {}, { signal: ac.signal });
    const id = invoked[1]!.callId!;
    expect(Number.isSafeInteger(id)).toBe(true);
    ac.abort();
    expect(cancelled).toEqual([id]);
    invoked[1]!.answer({ ok: false, error: { code: 'cancelled', message: 'sync.testConnection was cancelled' } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });

    // Answered, then aborted: no cancel; already aborted: not invoked.
    const later = new AbortController();
    const quick = client.call('health', {}, { signal: later.signal });
    invoked[2]!.answer({ ok: true, data: {} });
    await quick;
    later.abort();
    expect(await client.call('health', {}, { signal: AbortSignal.abort() })).toMatchObject({ error: { code: 'cancelled' } });
    expect(cancelled).toEqual([id]);
    expect(invoked).toHaveLength(3);
  });
});
