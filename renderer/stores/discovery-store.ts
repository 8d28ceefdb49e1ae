import { create } from 'zustand';
import type { EventPayload, InputOf, OutputOf } from '../../main/api/contract.ts';
import type { DeviceType, DiscoveryHost, DiscoveryJob, DiscoveryMethod, ValidateTargetsOutput } from '../../main/api/discovery.ts';
import { client } from '../client/create-client.ts';
import { DEFAULT_TCP_PORTS, LIMITS, mergeHosts, splitTargets } from '../lib/discovery.ts';
import { describeError } from '../lib/errors.ts';
import { readStoredDraft, writeStoredDraft } from '../lib/discovery-draft-storage.ts';
import { NO_ERRORS, toFormErrors, withoutFields, type FormErrors } from '../lib/form-errors.ts';

export type DiscoveryProgress = EventPayload<'discovery.progress'>;
export type DiscoveryDiff = OutputOf<'discovery.diff'>;
export type AddOutcome = { ok: true; output: OutputOf<'discovery.addToMonitoring'> } | { ok: false; message: string };
export type ExportOutcome = { ok: true; file: OutputOf<'discovery.export'> } | { ok: false; message: string };

/** What the form holds, as typed (kept here so it survives a visit to another page). */
export interface DiscoveryDraft {
  targets: string;
  exclusions: string;
  methods: DiscoveryMethod[];
  /** Credential ids in the order to try; null: every stored credential, in name order (until the user picks). */
  credentialIds: string[] | null;
  ratePps: string;
  /** Let answers raise the rate (up to 20x, halved on loss); false: a fixed rate. */
  adaptiveRate: boolean;
  timeoutMs: string;
  tcpPorts: string;
  confirmLarge: boolean;
  /** An SNMP v2c community for this scan only: sent with the start, never stored (memory only). */
  community: string;
}

export const FORM_FIELDS = ['targets', 'exclusions', 'methods', 'credentialIds', 'ratePps', 'adaptiveRate', 'timeoutMs', 'retries', 'tcpPorts', 'confirmLarge', 'communities'] as const;

/** The engine's field for a draft key, where the names differ. */
const ERROR_FIELD: Partial<Record<keyof DiscoveryDraft, string>> = { community: 'communities' };

/** The job shown under the form: its results, filled live while it runs. */
export interface OpenJob {
  jobId: string;
  job?: DiscoveryJob;
  progress?: DiscoveryProgress;
  hosts: DiscoveryHost[];
  loading: boolean;
  error?: string;
  diff?: DiscoveryDiff;
  diffError?: string;
}

interface DiscoveryState {
  draft: DiscoveryDraft;
  setDraft(patch: Partial<DiscoveryDraft>): void;

  validation?: ValidateTargetsOutput;
  validating: boolean;
  validationError?: string;
  validate(): Promise<void>;

  starting: boolean;
  startErrors: FormErrors;
  start(input: InputOf<'discovery.start'>): Promise<boolean>;

  jobs: DiscoveryJob[];
  jobsTotal: number;
  jobsLoaded: boolean;
  jobsError?: string;
  loadJobs(): Promise<void>;

  current?: OpenJob;
  open(jobId: string): Promise<void>;
  close(): void;
  cancel(): Promise<string | undefined>;
  typeFilter: DeviceType | 'all';
  setTypeFilter(type: DeviceType | 'all'): void;
  selected: ReadonlySet<string>;
  setSelected(selected: ReadonlySet<string>): void;
  /** `includeSelf`: the user ticked this computer's own address on purpose. */
  addToMonitoring(addresses: string[], includeSelf?: boolean): Promise<AddOutcome>;
  exportResults(format: 'csv' | 'json'): Promise<ExportOutcome>;
}

const PAGE = 10_000;
const FLUSH_MS = 200;

export const INITIAL_DRAFT: DiscoveryDraft = {
  targets: '',
  exclusions: '',
  methods: ['icmp', 'tcp', 'arp', 'snmp'],
  credentialIds: null,
  ratePps: String(LIMITS.defaultRatePps),
  adaptiveRate: true,
  timeoutMs: String(LIMITS.defaultTimeoutMs),
  tcpPorts: DEFAULT_TCP_PORTS.join(', '),
  confirmLarge: false,
  community: '',
};

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

let validateSeq = 0;
let openSeq = 0;
/** Host events not yet in the store (batched: a big sweep sends thousands a second). */
let pendingHosts = new Map<string, DiscoveryHost>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;
/** Events of a job that arrive before discovery.start has answered with its id. */
const early: Array<{ jobId: string; apply(): void }> = [];

function upsertJob(jobs: DiscoveryJob[], job: DiscoveryJob): DiscoveryJob[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i < 0) return [job, ...jobs].sort((a, b) => b.createdAt - a.createdAt);
  const next = [...jobs];
  next[i] = job;
  return next;
}

function withProgress(job: DiscoveryJob, p: DiscoveryProgress): DiscoveryJob {
  return { ...job, phase: p.phase, total: p.total, done: p.done, alive: p.alive, classified: p.classified };
}

/** Discovery: the form's draft and its validation, the history of jobs, and the open job's live results. */
export const useDiscoveryStore = create<DiscoveryState>()((set, get) => ({
  // The form as last typed in this browser (targets, credential pick; never the community).
  draft: { ...INITIAL_DRAFT, ...readStoredDraft(storage()) },
  setDraft(patch) {
    const changed = (Object.keys(patch) as Array<keyof DiscoveryDraft>).map((k) => ERROR_FIELD[k] ?? k);
    set((s) => ({ draft: { ...s.draft, ...patch }, startErrors: withoutFields(s.startErrors, changed) }));
    if (Object.keys(patch).some((k) => k !== 'community')) writeStoredDraft(storage(), get().draft);
  },

  validating: false,
  async validate() {
    const { draft } = get();
    const targets = splitTargets(draft.targets);
    const seq = ++validateSeq;
    if (targets.length === 0) {
      set({ validation: undefined, validating: false, validationError: undefined });
      return;
    }
    set({ validating: true });
    const r = await client.call('discovery.validateTargets', { targets, exclusions: splitTargets(draft.exclusions), confirmLarge: draft.confirmLarge, resolveHostnames: false });
    if (seq !== validateSeq) return;
    if (r.ok) set({ validation: r.data, validating: false, validationError: undefined });
    else set({ validation: undefined, validating: false, validationError: describeError(r.error) });
  },

  starting: false,
  startErrors: NO_ERRORS,
  async start(input) {
    set({ starting: true, startErrors: NO_ERRORS });
    early.length = 0;
    const r = await client.call('discovery.start', input);
    if (!r.ok) {
      set({ starting: false, startErrors: toFormErrors(r.error, FORM_FIELDS) });
      early.length = 0;
      return false;
    }
    const job = r.data;
    clearPending();
    openSeq++;
    set((s) => ({
      starting: false,
      current: { jobId: job.id, job, hosts: [], loading: false },
      selected: new Set(),
      typeFilter: 'all',
      jobs: upsertJob(s.jobs, job),
      jobsTotal: s.jobs.some((j) => j.id === job.id) ? s.jobsTotal : s.jobsTotal + 1,
    }));
    for (const e of early.splice(0)) if (e.jobId === job.id) e.apply();
    return true;
  },

  jobs: [],
  jobsTotal: 0,
  jobsLoaded: false,
  async loadJobs() {
    const r = await client.call('discovery.list', { limit: 50, offset: 0 });
    if (r.ok) set({ jobs: r.data.items, jobsTotal: r.data.total, jobsLoaded: true, jobsError: undefined });
    else set({ jobsError: describeError(r.error) });
  },

  async open(jobId) {
    const seq = ++openSeq;
    clearPending();
    set((s) => ({
      current: s.current?.jobId === jobId ? { ...s.current, loading: true } : { jobId, hosts: [], loading: true },
      selected: s.current?.jobId === jobId ? s.selected : new Set(),
      typeFilter: s.current?.jobId === jobId ? s.typeFilter : 'all',
    }));
    let hosts: DiscoveryHost[] = [];
    let job: DiscoveryJob | undefined;
    for (let offset = 0; ; offset += PAGE) {
      const r = await client.call('discovery.get', { jobId, limit: PAGE, offset });
      if (seq !== openSeq) return;
      if (!r.ok) {
        set((s) => ({ current: s.current && { ...s.current, loading: false, error: describeError(r.error) } }));
        return;
      }
      job = r.data.job;
      hosts = mergeHosts(hosts, r.data.results);
      if (r.data.results.length < PAGE || offset + PAGE >= r.data.total) break;
    }
    set((s) => ({ current: s.current && { ...s.current, job, hosts: mergeHosts(hosts, pendingHosts.values()), loading: false, error: undefined } }));
    pendingHosts = new Map();
    if (job && job.status !== 'running') void loadDiff(jobId);
  },

  close() {
    openSeq++;
    clearPending();
    set({ current: undefined, selected: new Set(), typeFilter: 'all' });
  },

  async cancel() {
    const jobId = get().current?.jobId;
    if (!jobId) return undefined;
    const r = await client.call('discovery.cancel', { jobId });
    return r.ok ? undefined : describeError(r.error);
  },

  typeFilter: 'all',
  setTypeFilter(typeFilter) {
    set({ typeFilter });
  },
  selected: new Set(),
  setSelected(selected) {
    set({ selected });
  },

  async addToMonitoring(addresses, includeSelf = false) {
    const jobId = get().current?.jobId;
    if (!jobId) return { ok: false, message: 'No scan is open.' };
    const r = await client.call('discovery.addToMonitoring', { jobId, addresses, includeSelf });
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    const deviceOf = new Map(r.data.results.filter((x) => x.deviceId).map((x) => [x.address, x.deviceId]));
    set((s) => {
      if (s.current?.jobId !== jobId) return {};
      const hosts = s.current.hosts.map((h) => (deviceOf.has(h.address) ? { ...h, deviceId: deviceOf.get(h.address) ?? null } : h));
      return { current: { ...s.current, hosts }, selected: new Set() };
    });
    return { ok: true, output: r.data };
  },

  async exportResults(format) {
    const jobId = get().current?.jobId;
    if (!jobId) return { ok: false, message: 'No scan is open.' };
    const r = await client.call('discovery.export', { jobId, format });
    return r.ok ? { ok: true, file: r.data } : { ok: false, message: describeError(r.error) };
  },
}));

function clearPending(): void {
  pendingHosts = new Map();
  clearTimeout(flushTimer);
  flushTimer = undefined;
}

async function loadDiff(jobId: string): Promise<void> {
  const r = await client.call('discovery.diff', { jobId });
  useDiscoveryStore.setState((s) => {
    if (s.current?.jobId !== jobId) return {};
    return { current: r.ok ? { ...s.current, diff: r.data, diffError: undefined } : { ...s.current, diffError: describeError(r.error) } };
  });
}

function flushHosts(): void {
  flushTimer = undefined;
  const s = useDiscoveryStore.getState();
  if (!s.current || s.current.loading || pendingHosts.size === 0) return;
  const batch = pendingHosts;
  pendingHosts = new Map();
  useDiscoveryStore.setState({ current: { ...s.current, hosts: mergeHosts(s.current.hosts, batch.values()) } });
}

/** Whether an event of this job should wait for discovery.start's answer. */
function holdEarly(jobId: string, apply: () => void): boolean {
  const s = useDiscoveryStore.getState();
  if (!s.starting || s.current?.jobId === jobId) return false;
  early.push({ jobId, apply });
  return true;
}

function onHost(e: EventPayload<'discovery.host'>): void {
  if (holdEarly(e.jobId, () => onHost(e))) return;
  if (useDiscoveryStore.getState().current?.jobId !== e.jobId) return;
  pendingHosts.set(e.host.address, e.host);
  flushTimer ??= setTimeout(flushHosts, FLUSH_MS);
}

const unknownJobs = new Set<string>();

function onProgress(p: DiscoveryProgress): void {
  if (holdEarly(p.jobId, () => onProgress(p))) return;
  const s = useDiscoveryStore.getState();
  const listed = s.jobs.some((j) => j.id === p.jobId);
  if (!listed && s.jobsLoaded && !unknownJobs.has(p.jobId)) {
    // A job started elsewhere (the CLI against this engine, another window): show it in the history.
    unknownJobs.add(p.jobId);
    void s.loadJobs();
  }
  useDiscoveryStore.setState((st) => ({
    jobs: listed ? st.jobs.map((j) => (j.id === p.jobId ? withProgress(j, p) : j)) : st.jobs,
    current: st.current?.jobId === p.jobId ? { ...st.current, progress: p, ...(st.current.job ? { job: withProgress(st.current.job, p) } : {}) } : st.current,
  }));
}

function onFinished(f: EventPayload<'discovery.finished'>): void {
  if (holdEarly(f.jobId, () => onFinished(f))) return;
  const s = useDiscoveryStore.getState();
  useDiscoveryStore.setState((st) => ({ jobs: upsertJob(st.jobs, f.job) }));
  if (s.current?.jobId !== f.jobId) return;
  clearTimeout(flushTimer);
  flushHosts();
  useDiscoveryStore.setState((st) => ({ current: st.current && { ...st.current, job: f.job, progress: st.current.progress && { ...st.current.progress, phase: 'done', etaSec: 0 } } }));
  // One read of the stored results: the table ends exactly as the engine saved it.
  void useDiscoveryStore.getState().open(f.jobId);
}

export function startDiscoverySync(): () => void {
  const stops = [client.on('discovery.host', onHost), client.on('discovery.progress', onProgress), client.on('discovery.finished', onFinished)];
  return () => {
    clearPending();
    stops.forEach((stop) => stop());
  };
}

/** After a reconnect: events sent meanwhile are lost, so read again what is shown. */
export function reloadDiscovery(): void {
  const s = useDiscoveryStore.getState();
  if (s.jobsLoaded) void s.loadJobs();
  if (s.current) void s.open(s.current.jobId);
}
