import { create } from 'zustand';
import type { TokenInfo } from '../../main/api/tokens.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

const FIELDS = ['name'] as const;

/** A token just created: its value is known here only until the person dismisses it. */
export interface CreatedToken {
  value: string;
  info: TokenInfo;
}

interface TokensState {
  items: TokenInfo[];
  loaded: boolean;
  error?: string;
  created?: CreatedToken;
  load(): Promise<void>;
  create(name: string): Promise<{ ok: true } | { ok: false; errors: FormErrors }>;
  /** Forgets the created token's value for good. */
  dismissCreated(): void;
  revoke(id: string): Promise<{ ok: true } | { ok: false; message: string }>;
}

const newestFirst = (a: TokenInfo, b: TokenInfo): number => b.createdAt - a.createdAt || a.name.localeCompare(b.name);

/** API tokens of the headless host and the HTTP API: names and dates only, a value once, at creation. */
export const useTokensStore = create<TokensState>()((set, get) => ({
  items: [],
  loaded: false,

  async load() {
    const r = await client.call('tokens.list', {});
    if (r.ok) set({ items: [...r.data].sort(newestFirst), loaded: true, error: undefined });
    else set({ error: describeError(r.error) });
  },

  async create(name) {
    const r = await client.call('tokens.create', { name });
    if (!r.ok) {
      // A taken name: the engine's sentence says what to do, next to the field.
      const describe = r.error.code === 'conflict' ? () => r.error.message : undefined;
      return { ok: false, errors: toFormErrors(r.error, FIELDS, describe) };
    }
    const info = r.data.info;
    set({ items: [...get().items.filter((t) => t.id !== info.id), info].sort(newestFirst), created: { value: r.data.token, info } });
    return { ok: true };
  },

  dismissCreated() {
    set({ created: undefined });
  },

  async revoke(id) {
    const r = await client.call('tokens.revoke', { id });
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    const { created } = get();
    set({ items: get().items.filter((t) => t.id !== r.data.id), ...(created?.info.id === r.data.id ? { created: undefined } : {}) });
    return { ok: true };
  },
}));
