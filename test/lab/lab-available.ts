/**
 * Whether this process can build a lab: namespaces, veths and iptables need root on Linux.
 * Missing tools (snmpd, fping, iptables) are not a reason to skip: CI installs them, so their
 * absence must fail loudly in createLab instead.
 */

/** `{ ok: true }` or why the lab cannot run here. */
export type LabAvailability = { ok: true } | { ok: false; reason: string };

/** Checks the only precondition under which lab tests may be skipped: root on Linux. */
export function labAvailable(): LabAvailability {
  if (process.platform !== 'linux') return { ok: false, reason: `the lab needs Linux network namespaces (this is ${process.platform})` };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { ok: false, reason: 'the lab needs root (network namespaces, veth pairs, iptables); run the lab tests as root, e.g. `sudo -E npx vitest run --project lab`' };
  }
  return { ok: true };
}
