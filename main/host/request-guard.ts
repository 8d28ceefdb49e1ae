import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../lib/logger.ts';
import type { AllowedHosts } from './allowed-hosts.ts';
import { bearerToken, type HostAuth, type Principal } from './host-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for, set by `requireAuth` (and by the WebSocket upgrade's admission). */
    principal?: Principal;
  }
}

function refuse(reply: FastifyReply, status: number, code: 'forbidden' | 'unauthorized', message: string, challenge?: string) {
  if (challenge) reply.header('www-authenticate', challenge);
  return reply.code(status).send({ ok: false, error: { code, message } });
}

/**
 * A browser request on the strength of a cookie must come from a page of this host: a page of
 * another port of 127.0.0.1 is "same-site" (so SameSite=Strict cookies go with it) but not
 * same-origin. Chromium and Firefox say so in Sec-Fetch-Site; Origin covers the rest.
 */
export function fromOwnPage(req: FastifyRequest, allowed: AllowedHosts): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || allowed.origin(origin);
}

/**
 * The first check of every HTTP and WebSocket request: the Host header must be one of this
 * host's names (DNS rebinding), and a browser Origin, when sent, one of its pages. Answers 421
 * for a foreign Host and 403 for a foreign Origin, before any route runs.
 */
export function hostGuard(allowed: AllowedHosts, log: Logger) {
  const refused = (req: FastifyRequest, why: string) =>
    log.warn({ why, host: String(req.headers.host ?? '').slice(0, 200), origin: String(req.headers.origin ?? '').slice(0, 200), remote: req.ip, url: req.url.split('?')[0]?.slice(0, 200) }, 'request refused');
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!allowed.host(req.headers.host)) {
      refused(req, 'host not allowed');
      await reply
        .code(421)
        .type('text/plain')
        .send(`WARD FLUX: this host does not answer to "${String(req.headers.host ?? '').slice(0, 100)}". Use ${allowed.entries[0] ?? '127.0.0.1'}, or start it with --allowed-host NAME.\n`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.origin(origin)) {
      refused(req, 'origin not allowed');
      await refuse(reply, 403, 'forbidden', 'Requests from other web pages are not accepted.');
    }
  };
}

/**
 * A preHandler that answers 401 unless the request carries a valid session cookie (from a page of
 * this host) or bearer token; `tokenOnly` accepts bearer tokens only (laptop uploads).
 */
export function requireAuth(auth: HostAuth, allowed: AllowedHosts, log: Logger, options: { tokenOnly?: boolean } = {}) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const refused = (why: string) => log.warn({ why, remote: req.ip, url: req.url.split('?')[0]?.slice(0, 200) }, 'request refused');
    const hasBearer = bearerToken(req.headers) !== undefined;
    if (!hasBearer && options.tokenOnly) {
      refused('no bearer token');
      await refuse(reply, 401, 'unauthorized', 'This API needs "Authorization: Bearer <token>"; create one with "wardflux token create".', 'Bearer realm="wardflux"');
      return;
    }
    if (!hasBearer && !fromOwnPage(req, allowed)) {
      refused('cookie from another page');
      await refuse(reply, 403, 'forbidden', 'Requests from other web pages are not accepted.');
      return;
    }
    const principal = auth.fromHeaders(req.headers);
    if (!principal) {
      refused(hasBearer ? 'invalid token' : 'not signed in');
      const message = hasBearer
        ? 'The API token is not valid (unknown or revoked).'
        : 'Sign in first: open the sign-in link "wardflux serve" printed, or send "Authorization: Bearer <token>" (create one with "wardflux token create").';
      await refuse(reply, 401, 'unauthorized', message, hasBearer ? 'Bearer realm="wardflux", error="invalid_token"' : 'Bearer realm="wardflux"');
      return;
    }
    req.principal = principal;
  };
}
