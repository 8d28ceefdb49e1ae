/**
 * Bookkeeping that outlives a test process: one state file per lab in /run/wardflux-lab
 * (`net-N.json`, created exclusively, so it also claims the /24), and the synchronous teardown
 * used by `destroy()`, by the process-exit backstop and for stale labs of killed runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, unlinkSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/** Where lab state files live (tmpfs: a reboot forgets every lab, as it forgets namespaces). */
export const STATE_DIR = '/run/wardflux-lab';

/** What must be undone for one lab. */
export interface LabState {
  name: string;
  subnet: number;
  ownerPid: number;
  labNs: string;
  /** null in root-probe mode. */
  probeNs: string | null;
  /** The probe-side veth when it sits in the root namespace (root-probe mode), else null. */
  rootVeth: string | null;
  tempDir: string;
  /** Daemons started in the lab namespace (snmpd, responder). */
  pids: number[];
  keepTempDir: boolean;
  /** More namespaces of this lab (router chain), deleted before the lab namespace. */
  extraNs?: string[];
}

function statePath(subnet: number): string {
  return join(STATE_DIR, `net-${subnet}.json`);
}

function readStates(): LabState[] {
  mkdirSync(STATE_DIR, { recursive: true });
  const out: LabState[] = [];
  for (const f of readdirSync(STATE_DIR)) {
    if (!/^net-\d+\.json$/.test(f)) continue;
    try {
      out.push(JSON.parse(readFileSync(join(STATE_DIR, f), 'utf8')) as LabState);
    } catch {
      // Half-written by a run killed mid-claim: the claim is void.
      rmSync(join(STATE_DIR, f), { force: true });
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes labs whose owner process is gone, and any lab called `name` (a lab of that name owned
 * by another live process is an error: two runs must not share a name).
 */
export function sweepStale(name: string): void {
  for (const s of readStates()) {
    if (s.ownerPid !== process.pid && alive(s.ownerPid)) {
      if (s.name === name) throw new Error(`lab: a lab named "${name}" is in use by live process ${s.ownerPid}`);
      continue;
    }
    if (s.ownerPid === process.pid && s.name !== name) continue;
    teardownSync(s);
  }
  // Namespaces of this name without a state file (killed between `ip netns add` and the write).
  for (const ns of [`wfl-${name}`, `wfp-${name}`, `wfr1-${name}`, `wfr2-${name}`]) deleteNamespaceSync(ns);
}

/** Claims a free /24 (or the one asked for) by creating its state file exclusively. */
export function claimSubnet(state: Omit<LabState, 'subnet'>, wanted?: number): LabState {
  mkdirSync(STATE_DIR, { recursive: true });
  const candidates = wanted !== undefined ? [wanted] : Array.from({ length: 254 }, (_, i) => i + 1);
  for (const subnet of candidates) {
    let fd: number;
    try {
      fd = openSync(statePath(subnet), 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    const full: LabState = { ...state, subnet };
    writeFileSync(fd, JSON.stringify(full));
    closeSync(fd);
    return full;
  }
  throw new Error(wanted !== undefined ? `lab: subnet 198.18.${wanted}.0/24 is in use by another lab` : 'lab: all 254 lab subnets are in use');
}

/** Rewrites the state file (after a daemon starts). */
export function saveState(state: LabState): void {
  writeFileSync(statePath(state.subnet), JSON.stringify(state));
}

function nsInode(ns: string): number | null {
  try {
    return statSync(`/run/netns/${ns}`).ino;
  } catch {
    return null;
  }
}

/** Kills `pid` only if it still lives in namespace `ns` (guards against PID reuse). */
function killIfInNamespace(pid: number, ns: string): void {
  const ino = nsInode(ns);
  if (ino === null) return;
  try {
    if (readlinkSync(`/proc/${pid}/ns/net`) !== `net:[${ino}]`) return;
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function sh(args: string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

/** Kills every process in namespace `ns`, then deletes it; a missing namespace is fine. */
export function deleteNamespaceSync(ns: string): void {
  if (nsInode(ns) === null) return;
  for (const pid of sh(['netns', 'pids', ns]).split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  sh(['netns', 'delete', ns]);
}

/** Undoes everything a lab created. Safe to call repeatedly and on a half-built lab. */
export function teardownSync(state: LabState): void {
  for (const pid of state.pids) killIfInNamespace(pid, state.labNs);
  for (const ns of state.extraNs ?? []) deleteNamespaceSync(ns);
  deleteNamespaceSync(state.labNs);
  if (state.probeNs) deleteNamespaceSync(state.probeNs);
  // The pair dies with the lab namespace; delete the root end explicitly in case it lingers.
  if (state.rootVeth && sh(['link', 'show', state.rootVeth]) !== '') sh(['link', 'delete', state.rootVeth]);
  if (!state.keepTempDir) rmSync(state.tempDir, { recursive: true, force: true });
  try {
    const onDisk = JSON.parse(readFileSync(statePath(state.subnet), 'utf8')) as LabState;
    if (onDisk.name === state.name && onDisk.ownerPid === state.ownerPid) unlinkSync(statePath(state.subnet));
  } catch {
    // Already removed.
  }
}
