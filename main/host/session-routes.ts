import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SESSION_PATH } from '../api/wire.ts';
import type { AllowedHosts } from './allowed-hosts.ts';
import type { HostAuth } from './host-auth.ts';
import { fromOwnPage } from './request-guard.ts';


const SignIn = z.strictObject({ token: z.string().min(1).max(512) });

/**
 * The browser's sign-in: POST the login secret (from the `#token=` fragment of the URL that
 * `serve` printed, which never reaches a server log) or an API token, get an HttpOnly,
 * SameSite=Strict session cookie. DELETE signs out. Only a page of this host may do either.
 */
export function registerSessionRoutes(app: FastifyInstance, auth: HostAuth, allowed: AllowedHosts): void {
  const ownPage = { code: 'forbidden', message: 'Sign-in is accepted only from this host\'s own page.' } as const;
  app.post(SESSION_PATH, async (req, reply) => {
    if (!fromOwnPage(req, allowed)) return reply.code(403).send({ ok: false, error: ownPage });
    const body = SignIn.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ ok: false, error: { code: 'validation', message: 'Send {"token": "<login secret or API token>"}' } });
    const sessionId = auth.createSession(body.data.token.trim());
    if (!sessionId) {
      return reply.code(401).send({ ok: false, error: { code: 'unauthorized', message: 'That sign-in link or token is not valid (a link is valid while the host that printed it runs; tokens can be revoked).' } });
    }
    return reply.header('set-cookie', auth.cookie(sessionId, req.protocol === 'https')).header('cache-control', 'no-store').send({ ok: true, data: { signedIn: true } });
  });
  app.delete(SESSION_PATH, async (req, reply) => {
    if (!fromOwnPage(req, allowed)) return reply.code(403).send({ ok: false, error: ownPage });
    const p = auth.fromHeaders(req.headers);
    if (p?.kind === 'session') auth.endSession(p.sessionId);
    return reply.header('set-cookie', auth.cookie(undefined, req.protocol === 'https')).send({ ok: true, data: { signedIn: false } });
  });
}
