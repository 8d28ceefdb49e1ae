import { describe, expect, it } from 'vitest';
import { procedureNames } from '../api/contract.ts';
import { permissions } from '../api/permissions.ts';
import { atLeast, type Role, ROLES } from '../api/roles.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';
import { signedInWs, testHost } from '../../test/support/host.ts';

/**
 * Every procedure of the contract × every role, on HTTP (/api/v1/rpc) and on the WebSocket, each
 * role signed in with a token of a user of that role: a call the permission table allows is never
 * refused for its role (it may still fail its validation), and a call it does not allow answers
 * 403 / forbidden with a sentence naming the procedure and the role it needs, and is audited. The
 * list of procedures comes from the contract, so the matrix grows with it.
 */

const later = cleanupAfterEach();

describe('the four roles on every transport', () => {
  it('allows and refuses every procedure for every role, on HTTP and WebSocket, as the permission table says', { timeout: 120_000 }, async () => {
    const { host: h, engine } = await testHost(later);
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES) {
      const user = role === 'admin' ? engine.users.byName('admin') : await engine.users.create(`the-${role}`, role, `password-of-${role}`);
      tokens[role] = engine.tokens.create(`token-${role}`, user.id).token;
    }
    let refused = 0;
    for (const role of ROLES) {
      const ws = await signedInWs(later, h, tokens[role]);
      let id = 0;
      for (const name of procedureNames) {
        const may = atLeast(role, permissions[name].role);
        const res = await fetch(`${h.url}/api/v1/rpc/${name}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' }, body: '{}' });
        const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
        ws.send({ type: 'call', id: ++id, name, input: {} });
        const viaWs = (await ws.next('result', 10_000)).result;
        for (const [transport, status, r] of [['http', res.status, body], ['ws', undefined, viaWs]] as const) {
          const where = `${name} as ${role} over ${transport}`;
          if (may) {
            expect(status, where).not.toBe(403);
            expect(r.ok || r.error?.code, where).not.toBe('forbidden');
          } else {
            if (status !== undefined) expect(status, where).toBe(403);
            expect(r, where).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`${name} needs the ${permissions[name].role} role`) } });
            refused += 1;
          }
        }
      }
    }
    // Each role refuses something (viewer the most), admin nothing; every refusal is in the audit log.
    expect(refused).toBeGreaterThan(0);
    const audit = engine.audit.list({ outcome: 'refused', limit: 5000 });
    expect(audit.total).toBe(refused);
    expect(audit.items.every((r) => r.outcome === 'forbidden' && r.user.startsWith('the-') && (r.transport === 'http' || r.transport === 'ws') && r.remote === '127.0.0.1')).toBe(true);
  });
});
