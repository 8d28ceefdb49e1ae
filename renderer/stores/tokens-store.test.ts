import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../main/api/contract.ts';

/** The store's only way out, replaced by a fake engine with the contract's answers. */
const call = vi.fn<(name: string, input: unknown) => Promise<Result<unknown>>>();
vi.mock('../client/create-client.ts', () => ({ client: { call: (name: string, input: unknown) => call(name, input) } }));

const { useTokensStore } = await import('./tokens-store.ts');

const info = (id: string, name: string, createdAt: number) => ({ id, name, createdAt, lastUsedAt: null });

describe('tokens store', () => {
  beforeEach(() => {
    call.mockReset();
    useTokensStore.setState({ items: [], loaded: false, error: undefined, created: undefined });
  });

  it('keeps a created value until it is dismissed, and never lists it', async () => {
    call.mockResolvedValueOnce({ ok: true, data: { token: 'wf_secret-value', info: info('t1', 'backup', 2000) } });
    expect(await useTokensStore.getState().create('backup')).toEqual({ ok: true });
    expect(call).toHaveBeenCalledWith('tokens.create', { name: 'backup' });
    expect(useTokensStore.getState().created).toEqual({ value: 'wf_secret-value', info: info('t1', 'backup', 2000) });
    expect(useTokensStore.getState().items).toEqual([info('t1', 'backup', 2000)]);

    useTokensStore.getState().dismissCreated();
    expect(useTokensStore.getState().created).toBeUndefined();
    expect(JSON.stringify(useTokensStore.getState())).not.toContain('wf_secret-value');
  });

  it('shows the engine’s sentence next to the name when the name is taken', async () => {
    call.mockResolvedValueOnce({ ok: false, error: { code: 'conflict', message: 'A token named "backup" exists already; revoke it or pick another name', issues: [{ path: 'name', message: 'Already used' }] } });
    const outcome = await useTokensStore.getState().create('backup');
    expect(outcome).toEqual({ ok: false, errors: { fields: { name: 'A token named "backup" exists already; revoke it or pick another name' } } });
    expect(useTokensStore.getState().created).toBeUndefined();
  });

  it('lists newest first and drops a revoked token (and its value, if it was the one just created)', async () => {
    call.mockResolvedValueOnce({ ok: true, data: [info('a', 'old', 1000), info('b', 'new', 3000)] });
    await useTokensStore.getState().load();
    expect(useTokensStore.getState().items.map((t) => t.name)).toEqual(['new', 'old']);

    call.mockResolvedValueOnce({ ok: true, data: { token: 'wf_x', info: info('c', 'newest', 4000) } });
    await useTokensStore.getState().create('newest');
    call.mockResolvedValueOnce({ ok: true, data: info('c', 'newest', 4000) });
    expect(await useTokensStore.getState().revoke('c')).toEqual({ ok: true });
    expect(call).toHaveBeenLastCalledWith('tokens.revoke', { id: 'c' });
    expect(useTokensStore.getState().items.map((t) => t.id)).toEqual(['b', 'a']);
    expect(useTokensStore.getState().created).toBeUndefined();

    call.mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: 'No API token with id or name "a"' } });
    expect(await useTokensStore.getState().revoke('a')).toEqual({ ok: false, message: 'No API token with id or name "a"' });
    expect(useTokensStore.getState().items.map((t) => t.id)).toEqual(['b', 'a']);
  });
});
