/**
 * What changed between two scans of the same targets: hosts that are new, gone, or changed (and
 * which fields). Pure.
 *
 * Identity: the address first. A host not matched by address is then matched by MAC, then by
 * sysName (case-insensitive) — a device that moved to another address (DHCP) is "changed
 * (address)", not gone + new. MAC and sysName count as identity only when unique in both scans:
 * behind a router, or in the lab, many addresses share one MAC, and default sysNames ("Router",
 * "localhost") repeat.
 */

/** The fields of a scan result the diff reads; results may carry more. */
export interface ScanHostLike {
  address: string;
  mac?: string | null;
  sysName?: string | null;
  [field: string]: unknown;
}

export type MatchedBy = 'address' | 'mac' | 'sysName';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HostChange<T> {
  before: T;
  after: T;
  matchedBy: MatchedBy;
  changes: FieldChange[];
}

export interface ScanDiff<T> {
  new: T[];
  gone: T[];
  changed: HostChange<T>[];
  /** Hosts present in both with no compared field changed. */
  unchanged: number;
}

/**
 * Fields compared by default. Not compared: sysUpTime (always moves), round-trip times,
 * confidence and reasons (they follow from the fields that are compared).
 */
export const DEFAULT_DIFF_FIELDS = [
  'address',
  'mac',
  'macVendor',
  'sysName',
  'hostnames',
  'type',
  'vendor',
  'model',
  'os',
  'osVersion',
  'sysDescr',
  'sysObjectID',
  'sysLocation',
  'sysContact',
  'openPorts',
  'foundBy',
] as const;

const key = (s: string | null | undefined): string | null => {
  const t = s?.trim().toLowerCase();
  return t ? t : null;
};

/** '' and null and undefined are "unknown"; arrays compare as sets. */
function normalize(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return JSON.stringify([...v].map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).sort());
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

function compare<T extends ScanHostLike>(before: T, after: T, fields: readonly string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    if (normalize(before[f]) !== normalize(after[f])) out.push({ field: f, before: before[f] ?? null, after: after[f] ?? null });
  }
  return out;
}

/** Values seen exactly once in the list. */
function uniqueIndex<T>(list: readonly T[], get: (x: T) => string | null): Map<string, T> {
  const counts = new Map<string, number>();
  for (const x of list) {
    const k = get(x);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out = new Map<string, T>();
  for (const x of list) {
    const k = get(x);
    if (k && counts.get(k) === 1) out.set(k, x);
  }
  return out;
}

export function diffScans<T extends ScanHostLike>(previous: readonly T[], current: readonly T[], options: { fields?: readonly string[] } = {}): ScanDiff<T> {
  const fields = options.fields ?? DEFAULT_DIFF_FIELDS;
  const pairs: { before: T; after: T; matchedBy: MatchedBy }[] = [];
  const prevByAddr = new Map(previous.map((h) => [key(h.address)!, h]));
  const matchedPrev = new Set<T>();
  const unmatchedCur: T[] = [];
  for (const h of current) {
    const p = prevByAddr.get(key(h.address)!);
    if (p && !matchedPrev.has(p)) {
      matchedPrev.add(p);
      pairs.push({ before: p, after: h, matchedBy: 'address' });
    } else {
      unmatchedCur.push(h);
    }
  }

  let restPrev = previous.filter((h) => !matchedPrev.has(h));
  let restCur = unmatchedCur;
  for (const [by, get] of [
    ['mac', (h: T) => key(h.mac)],
    ['sysName', (h: T) => key(h.sysName)],
  ] as const) {
    // Uniqueness is judged over the whole scans, not just the leftovers.
    const prevIdx = uniqueIndex(previous, get);
    const curIdx = uniqueIndex(current, get);
    const nextCur: T[] = [];
    const taken = new Set<T>();
    for (const h of restCur) {
      const k = get(h);
      const p = k && curIdx.get(k) === h ? prevIdx.get(k) : undefined;
      if (p && restPrev.includes(p) && !taken.has(p)) {
        taken.add(p);
        pairs.push({ before: p, after: h, matchedBy: by });
      } else {
        nextCur.push(h);
      }
    }
    restPrev = restPrev.filter((p) => !taken.has(p));
    restCur = nextCur;
  }

  const changed: HostChange<T>[] = [];
  let unchanged = 0;
  for (const { before, after, matchedBy } of pairs) {
    const changes = compare(before, after, fields);
    if (changes.length) changed.push({ before, after, matchedBy, changes });
    else unchanged++;
  }
  return { new: restCur, gone: restPrev, changed, unchanged };
}
