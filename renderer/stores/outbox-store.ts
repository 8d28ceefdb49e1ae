import { create } from 'zustand';
import type { OutputOf } from '../../main/api/contract.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';

export type OutboxEntry = OutputOf<'outbox.list'>[number];
export type OutboxTopicStatus = OutputOf<'outbox.status'>[number];

interface OutboxState {
  status: OutboxTopicStatus[];
  dead: OutboxEntry[];
  loaded: boolean;
  error?: string;
  load(): Promise<void>;
  retry(id: number): Promise<string | undefined>;
}

/** Deliveries waiting or given up (notifications, pushes): the dead letters can be retried. */
export const useOutboxStore = create<OutboxState>()((set, get) => ({
  status: [],
  dead: [],
  loaded: false,
  async load() {
    const [status, dead] = await Promise.all([client.call('outbox.status', {}), client.call('outbox.list', { state: 'dead', limit: 200 })]);
    if (status.ok && dead.ok) set({ status: status.data, dead: dead.data, loaded: true, error: undefined });
    else set({ error: describeError(!status.ok ? status.error : !dead.ok ? dead.error : { code: 'internal', message: '' }) });
  },
  async retry(id) {
    const r = await client.call('outbox.retry', { id });
    if (!r.ok) return describeError(r.error);
    await get().load();
    return undefined;
  },
}));
