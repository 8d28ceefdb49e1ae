import { create } from 'zustand';
import type { Credential } from '../../main/api/credentials.ts';
import type { InputOf } from '../../main/api/contract.ts';
import { client } from '../client/create-client.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

export type CredentialCreate = InputOf<'credentials.create'>;
export type CredentialUpdate = InputOf<'credentials.update'>;

export const CREDENTIAL_FIELDS = ['name', 'version', 'community', 'username', 'securityLevel', 'authProtocol', 'authKey', 'privProtocol', 'privKey', 'contextName'] as const;

export type CredentialSaveOutcome = { ok: true; credential: Credential } | { ok: false; errors: FormErrors };

interface CredentialsState {
  items: Credential[];
  loaded: boolean;
  error?: string;
  load(): Promise<void>;
  create(input: CredentialCreate): Promise<CredentialSaveOutcome>;
  update(input: CredentialUpdate): Promise<CredentialSaveOutcome>;
  remove(id: string): Promise<{ ok: true } | { ok: false; message: string }>;
}

const byName = (a: Credential, b: Credential): number => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

function upsert(items: Credential[], credential: Credential): Credential[] {
  return [...items.filter((c) => c.id !== credential.id), credential].sort(byName);
}

/** SNMP credentials, metadata only: secrets go to the engine and never come back. */
export const useCredentialsStore = create<CredentialsState>()((set, get) => ({
  items: [],
  loaded: false,

  async load() {
    const result = await client.call('credentials.list', {});
    if (result.ok) set({ items: [...result.data].sort(byName), loaded: true, error: undefined });
    else set({ error: result.error.message });
  },

  async create(input) {
    const result = await client.call('credentials.create', input);
    if (!result.ok) return { ok: false, errors: toFormErrors(result.error, CREDENTIAL_FIELDS) };
    set({ items: upsert(get().items, result.data) });
    return { ok: true, credential: result.data };
  },

  async update(input) {
    const result = await client.call('credentials.update', input);
    if (!result.ok) return { ok: false, errors: toFormErrors(result.error, CREDENTIAL_FIELDS) };
    set({ items: upsert(get().items, result.data) });
    return { ok: true, credential: result.data };
  },

  async remove(id) {
    const result = await client.call('credentials.delete', { id });
    if (!result.ok) return { ok: false, message: result.error.message };
    set({ items: get().items.filter((c) => c.id !== id) });
    return { ok: true };
  },
}));

export function startCredentialsSync(): () => void {
  // A credential's `usedBy` changes with the devices that pick it: reload the (short) list then.
  const reload = (): void => void useCredentialsStore.getState().load();
  const stops = [
    client.on('credential.changed', ({ id, action, credential }) =>
      useCredentialsStore.setState((s) => ({
        items: action === 'deleted' || !credential ? s.items.filter((c) => c.id !== id) : upsert(s.items, credential),
      })),
    ),
    client.on('device.created', reload),
    client.on('device.updated', reload),
    client.on('device.deleted', reload),
  ];
  return () => stops.forEach((stop) => stop());
}
