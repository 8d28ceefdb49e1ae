import { create } from 'zustand';
import type { ProcedureName } from '../../main/api/contract.ts';
import type { WhoAmI } from '../../main/api/users.ts';
import { client } from '../client/create-client.ts';

/** Whether the signed-in user may call a procedure, and if not, the sentence the UI shows. */
export interface Allowed {
  allowed: boolean;
  reason?: string;
}

interface SessionState {
  /** Who is signed in (the desktop app: the local admin); undefined until read. */
  user?: WhoAmI;
  load(): Promise<void>;
}

/** The signed-in user and role, read once per sign-in (each time the engine becomes reachable). */
export const useSessionStore = create<SessionState>()((set) => ({
  async load() {
    const r = await client.call('session.whoami', {});
    if (r.ok) set({ user: r.data });
  },
}));

/**
 * What the permission table (main/api/permissions.ts, the dispatcher's own, as session.whoami
 * reported it) says of a procedure for this user. Until the user is known everything is allowed:
 * the engine refuses for itself.
 */
export function allowedFor(user: WhoAmI | undefined, name: ProcedureName): Allowed {
  const needed = user?.denied[name];
  if (!user || needed === undefined) return { allowed: true };
  return { allowed: false, reason: `Needs the ${needed} role; you are signed in as ${user.name} (${user.role}).` };
}

/** For components: `const may = useCan('devices.create')`, then `disabled={!may.allowed} title={may.reason}`. */
export function useCan(name: ProcedureName): Allowed {
  return allowedFor(useSessionStore((s) => s.user), name);
}
