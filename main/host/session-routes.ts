import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditEntry } from '../api/audit.ts';
import type { Role } from '../api/roles.ts';
import { SESSION_PATH } from '../api/wire.ts';
import type { Engine } from '../engine.ts';
import type { AllowedHosts } from './allowed-hosts.ts';
import type { HostAuth } from './host-auth.ts';
import { fromOwnPage } from './request-guard.ts';

const SignIn = z.union([
  z.strictObject({ token: z.string().min(1).max(512) }),
  z.strictObject({ user: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
]);

/** Who a sign-in attempt was for, in the audit log: a known user's name, never what was typed for an unknown one (it may be a password). */
const UNKNOWN = '(unknown)';

/**
 * The browser's sign-in: POST a user name and password, or the login secret (from the `#token=`
 * fragment of the URL that `serve` printed, which never reaches a server log: the built-in
 * admin), or an API token (its user), get an HttpOnly, SameSite=Strict session cookie. Repeated
 * failures lock the user name and the remote address out with a growing wait (429). DELETE signs
 * out. Only a page of this host may do either. Every attempt and sign-out goes to the audit log.
 */
export function registerSessionRoutes(app: FastifyInstance, engine: Pick<Engine, 'audit' | 'users'>, auth: HostAuth, allowed: AllowedHosts): void {
  const ownPage = { code: 'forbidden', message: 'Sign-in is accepted only from this host\'s own page.' } as const;
  const record = (req: FastifyRequest, procedure: string, user: { id: string | null; name: string; role: Role }, fields: string[], outcome: AuditEntry['outcome']) =>
    engine.audit.write({ procedure, user, transport: 'http', remote: req.ip, ids: [], fields, outcome });
  const known = (name: string) => {
    try {
      const u = engine.users.byName(name);
      return { id: u.id, name: u.name, role: u.role };
    } catch {
      return { id: null, name: UNKNOWN, role: 'viewer' as const };
    }
  };
  const signedIn = (req: FastifyRequest, reply: FastifyReply, sessionId: string) =>
    reply.header('set-cookie', auth.cookie(sessionId, req.protocol === 'https')).header('cache-control', 'no-store').send({ ok: true, data: { signedIn: true } });
  const locked = (reply: FastifyReply, seconds: number) =>
    reply.code(429).header('retry-after', String(seconds)).send({ ok: false, error: { code: 'unavailable', message: `Too many failed sign-ins: try again in ${seconds} s.` } });

  app.post(SESSION_PATH, async (req, reply) => {
    if (!fromOwnPage(req, allowed)) return reply.code(403).send({ ok: false, error: ownPage });
    const body = SignIn.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ ok: false, error: { code: 'validation', message: 'Send {"user": "...", "password": "..."} or {"token": "<login secret or API token>"}' } });
    if ('user' in body.data) {
      const answer = await auth.signInWithPassword(body.data.user, body.data.password, req.ip);
      if (answer.ok) {
        record(req, 'session.signIn', answer.user, ['user', 'password'], 'ok');
        return signedIn(req, reply, answer.sessionId);
      }
      record(req, 'session.signIn', known(body.data.user), ['user', 'password'], answer.reason === 'locked' ? 'locked' : 'unauthorized');
      if (answer.reason === 'locked') return locked(reply, answer.retryAfterSec ?? 1);
      return reply.code(401).send({ ok: false, error: { code: 'unauthorized', message: 'Wrong user name or password.' } });
    }
    const session = auth.createSession(body.data.token.trim(), req.ip);
    if (session && 'locked' in session) {
      record(req, 'session.signIn', { id: null, name: UNKNOWN, role: 'viewer' }, ['token'], 'locked');
      return locked(reply, session.locked);
    }
    if (!session) {
      record(req, 'session.signIn', { id: null, name: UNKNOWN, role: 'viewer' }, ['token'], 'unauthorized');
      return reply.code(401).send({ ok: false, error: { code: 'unauthorized', message: 'That sign-in link or token is not valid (a link is valid while the host that printed it runs; tokens can be revoked).' } });
    }
    const user = engine.users.get(session.userId);
    if (user) record(req, 'session.signIn', { id: user.id, name: user.name, role: user.role }, ['token'], 'ok');
    return signedIn(req, reply, session.sessionId);
  });
  app.delete(SESSION_PATH, async (req, reply) => {
    if (!fromOwnPage(req, allowed)) return reply.code(403).send({ ok: false, error: ownPage });
    const p = auth.fromHeaders(req.headers);
    if (p?.kind === 'session') {
      const user = auth.callerOf(p);
      if (user) record(req, 'session.signOut', user, [], 'ok');
      auth.endSession(p.sessionId);
    }
    return reply.header('set-cookie', auth.cookie(undefined, req.protocol === 'https')).send({ ok: true, data: { signedIn: false } });
  });
}
