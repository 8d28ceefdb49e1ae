/**
 * The Discovery form remembered across a reload: targets, exclusions, methods, the credential
 * pick (ids and order, never a secret) and the pace, in the browser's local storage. The
 * community typed for one scan is never written. What is read back is checked (zod): a stored
 * value from another version, or edited by hand, is dropped field by field.
 */
import { z } from 'zod';

export const DRAFT_STORAGE_KEY = 'wardflux.discovery.form';

const METHOD = z.enum(['icmp', 'tcp', 'arp', 'snmp']);
const text = (max: number) => z.string().max(max);

/** What is kept; every field optional so one bad field does not lose the rest. */
const Stored = z.object({
  targets: text(100_000),
  exclusions: text(100_000),
  methods: z.array(METHOD).max(4),
  credentialIds: z.array(z.string().max(100)).max(64).nullable(),
  ratePps: text(20),
  adaptiveRate: z.boolean(),
  timeoutMs: text(20),
  tcpPorts: text(2000),
});
export type StoredDraft = z.infer<typeof Stored>;
const FIELDS = Object.keys(Stored.shape) as Array<keyof StoredDraft>;

/** The storable part of a draft: everything but what may hold a secret. */
export function storableDraft(draft: StoredDraft & { community?: string }): StoredDraft {
  const out = {} as Record<keyof StoredDraft, unknown>;
  for (const f of FIELDS) out[f] = draft[f];
  return out as StoredDraft;
}

/** Reads the stored draft: the fields that parse, none when there is nothing (or no storage). */
export function readStoredDraft(storage: Pick<Storage, 'getItem'> | undefined): Partial<StoredDraft> {
  let raw: unknown;
  try {
    const text = storage?.getItem(DRAFT_STORAGE_KEY);
    if (!text) return {};
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Partial<Record<keyof StoredDraft, unknown>> = {};
  for (const f of FIELDS) {
    const parsed = Stored.shape[f].safeParse((raw as Record<string, unknown>)[f]);
    if (parsed.success) out[f] = parsed.data;
  }
  return out as Partial<StoredDraft>;
}

/** Writes the storable part; a full or refused storage (private mode) is not the form's problem. */
export function writeStoredDraft(storage: Pick<Storage, 'setItem'> | undefined, draft: StoredDraft & { community?: string }): void {
  try {
    storage?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(storableDraft(draft)));
  } catch {
    // Nothing to do: the form still works, it only forgets on reload.
  }
}
