import { z } from 'zod';

/**
 * The four roles of the headless host and the central, weakest first: each one may do everything
 * the one before it may. The desktop app has one local user, who is the admin.
 * - viewer: reads everything the UI shows; runs nothing that sends packets and changes nothing;
 * - technician: also runs diagnostics, discovery and template tests, acknowledges and comments
 *   alerts, generates reports and queues uploads; no credentials, settings or rules;
 * - manager: also devices, alert rules, channels, maintenance, templates, sites and Zabbix pushes;
 * - admin: everything, including credentials, settings, users, tokens and the audit log.
 */
export const ROLES = ['viewer', 'technician', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** True when `role` is `least` or stronger. */
export function atLeast(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

/**
 * What calling a procedure takes: the weakest role allowed, and whether a call is written to the
 * audit log (every call that changes state or sends packets; refused calls are always written).
 */
export interface Permission {
  role: Role;
  audit: boolean;
}

/** Reads anyone signed in may make. */
export const READ: Permission = { role: 'viewer', audit: false };
/** Work that sends packets or changes a little (a scan, a ping, an acknowledgement, a report). */
export const RUN: Permission = { role: 'technician', audit: true };
/** Reads that are the technician's tools (never secrets). */
export const TECH_READ: Permission = { role: 'technician', audit: false };
/** Changes to what is monitored and how alerts go out. */
export const MANAGE: Permission = { role: 'manager', audit: true };
/** Credentials, settings, connections, users, tokens. */
export const ADMIN: Permission = { role: 'admin', audit: true };
/** Reads only an admin may make (users, tokens, the audit log). */
export const ADMIN_READ: Permission = { role: 'admin', audit: false };

/** Who a call acts for. Calls without one (the desktop app, the CLI, the engine itself) act as the local admin. */
export interface Caller {
  id: string;
  name: string;
  role: Role;
}

/** The sentence a refused call answers with (HTTP 403, code forbidden). */
export function refusal(procedure: string, caller: Caller, needed: Role): string {
  return `${procedure} needs the ${needed} role or higher; ${caller.name} is a ${caller.role}. Ask an admin to change your role.`;
}
