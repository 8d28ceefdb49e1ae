import { describe, expect, it } from 'vitest';
import { DRAFT_STORAGE_KEY, readStoredDraft, writeStoredDraft } from './discovery-draft-storage.ts';

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

const draft = {
  targets: '198.18.7.0/24',
  exclusions: '198.18.7.1',
  methods: ['icmp' as const, 'snmp' as const],
  credentialIds: ['c2', 'c1'],
  ratePps: '300',
  adaptiveRate: false,
  timeoutMs: '800',
  tcpPorts: '22, 443',
  community: 's3cret-ro',
};

describe('the remembered discovery form', () => {
  it('round-trips targets, methods, the credential order and the pace, never the typed community', () => {
    const storage = memoryStorage();
    writeStoredDraft(storage, draft);
    expect(storage.data.get(DRAFT_STORAGE_KEY)).not.toContain('s3cret-ro');
    const { community: _secret, ...rest } = draft;
    expect(readStoredDraft(storage)).toEqual(rest);
  });

  it('keeps the fields that parse and drops the rest', () => {
    const storage = memoryStorage();
    storage.setItem(DRAFT_STORAGE_KEY, JSON.stringify({ targets: '10.0.0.0/24', methods: ['icmp', 'udp'], credentialIds: null, ratePps: 5 }));
    expect(readStoredDraft(storage)).toEqual({ targets: '10.0.0.0/24', credentialIds: null });
  });

  it('reads nothing from an empty, broken or missing storage', () => {
    const storage = memoryStorage();
    expect(readStoredDraft(storage)).toEqual({});
    storage.setItem(DRAFT_STORAGE_KEY, '{not json');
    expect(readStoredDraft(storage)).toEqual({});
    storage.setItem(DRAFT_STORAGE_KEY, '"text"');
    expect(readStoredDraft(storage)).toEqual({});
    expect(readStoredDraft(undefined)).toEqual({});
  });

  it('survives a storage that refuses writes', () => {
    const refusing = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeStoredDraft(refusing, draft)).not.toThrow();
  });
});
