import { create } from 'zustand';
import type { InputOf } from '../../main/api/contract.ts';
import type { Channel } from '../../main/api/notifications.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type ChannelCreate = InputOf<'notifications.createChannel'>;
export type ChannelUpdate = InputOf<'notifications.updateChannel'>;
const FIELDS = ['name', 'enabled', 'routing', 'digestSec', 'email', 'webhook', 'type'] as const;
/** email.host → "host|message", split again by the channel dialog. */
const nested = (path: string, message: string): string => (/^(email|webhook)\./.test(path) ? `${path.split('.')[1]}|${message}` : message);

type Outcome = { ok: true; channel: Channel } | { ok: false; errors: FormErrors };

interface NotificationsState {
  channels: Channel[];
  loaded: boolean;
  error?: string;
  /** The last "Send test" result per channel, in words. */
  tests: Record<string, { ok: boolean; message: string; busy?: boolean }>;
  load(): Promise<void>;
  create(input: ChannelCreate): Promise<Outcome>;
  update(input: ChannelUpdate): Promise<Outcome>;
  remove(id: string): Promise<string | undefined>;
  test(id: string): Promise<void>;
}

const byName = (a: Channel, b: Channel): number => a.name.localeCompare(b.name);
const upsert = (items: Channel[], c: Channel): Channel[] => [...items.filter((x) => x.id !== c.id), c].sort(byName);

/** Notification channels; their secrets go in and never come back. */
export const useNotificationsStore = create<NotificationsState>()((set, get) => ({
  channels: [],
  loaded: false,
  tests: {},
  async load() {
    const r = await client.call('notifications.listChannels', {});
    if (r.ok) set({ channels: [...r.data].sort(byName), loaded: true, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async create(input) {
    const r = await client.call('notifications.createChannel', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, FIELDS, nested) };
    set({ channels: upsert(get().channels, r.data) });
    return { ok: true, channel: r.data };
  },
  async update(input) {
    const r = await client.call('notifications.updateChannel', input);
    if (!r.ok) return { ok: false, errors: toFormErrors(r.error, FIELDS, nested) };
    set({ channels: upsert(get().channels, r.data) });
    return { ok: true, channel: r.data };
  },
  async remove(id) {
    const r = await client.call('notifications.deleteChannel', { id });
    if (!r.ok) return describeError(r.error);
    set({ channels: get().channels.filter((c) => c.id !== id) });
    return undefined;
  },
  async test(id) {
    set((s) => ({ tests: { ...s.tests, [id]: { ok: true, message: 'Sending a test notification…', busy: true } } }));
    const r = await client.call('notifications.test', { id });
    const verdict = r.ok ? { ok: r.data.ok, message: r.data.message } : { ok: false, message: describeError(r.error) };
    set((s) => ({ tests: { ...s.tests, [id]: verdict } }));
  },
}));
