import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { atLeast, refusal, RUN } from '../api/roles.ts';
import type { Engine } from '../engine.ts';
import { ValidationError } from '../errors.ts';
import { systemClock } from '../lib/clock.ts';
import { VERSION } from '../version.ts';
import { DEFAULT_PORT } from './defaults.ts';
import { registerHttpApi } from './http-api.ts';
import { registerCentralRoutes } from '../central/central-routes.ts';
import { createAllowedHosts, isWildcard } from './allowed-hosts.ts';
import { createHostAuth } from './host-auth.ts';
import { HTTP_STATUS } from '../api/http-status.ts';
import { isLoopbackHost } from './loopback.ts';
import { hostGuard, requireAuth } from './request-guard.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { DEFAULT_WS_LIMITS, MAX_MESSAGE_BYTES, registerWsTransport, type WsLimits } from './ws-transport.ts';

export { DEFAULT_PORT };

export interface HostOptions {
  engine: Engine;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir?: string;
  /** More names the host answers to (`--allowed-host`): `name` (this port) or `name:port`. */
  allowedHosts?: readonly string[];
  /** WebSocket connection and in-flight call limits (tests lower them). */
  wsLimits?: Partial<WsLimits>;
  /** A browser session ends after this long unused (default 12 h; serve --session-idle). */
  sessionIdleMs?: number;
}

export interface RunningHost {
  url: string;
  /** The URL to open in a browser: `url` with the login secret in the fragment, which no server log sees. */
  signInUrl: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The headless host: the built renderer, the contract over WebSocket for it, GET /api/v1/health
 * and the HTTP API for scripts. Nothing of the contract without a secret, on every bind: a
 * browser signs in with the login secret of `signInUrl` (or an API token) for a session cookie,
 * scripts send a bearer token. Every request must name this host (Host allow-list) and, from a
 * browser, come from its own pages (Origin). Refuses a non-loopback address while no API token
 * exists, so that a token for scripts and remote browsers is made before the engine is exposed.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { engine } = options;
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (!loopback && engine.tokens.count() === 0) {
    throw new ValidationError(
      `Refusing to listen on ${host} without an API token: anyone on that network could control this engine. ` +
        'Create one with "wardflux token create" first, or listen on 127.0.0.1.',
    );
  }
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const hasUi = fs.existsSync(path.join(rendererDir, 'index.html'));

  // forceCloseConnections: a stopping host drops keep-alive and refused-upgrade sockets too.
  const app = Fastify({ logger: false, bodyLimit: MAX_MESSAGE_BYTES, forceCloseConnections: true });
  let listeningPort = 0;
  const allowed = createAllowedHosts({ bind: host, port: () => listeningPort, extra: options.allowedHosts ?? [] });
  const auth = createHostAuth({ tokens: engine.tokens, users: engine.users, clock: systemClock, port: () => listeningPort, ...(options.sessionIdleMs ? { sessionIdleMs: options.sessionIdleMs } : {}) });
  const signedIn = requireAuth(auth, allowed, engine.logger);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CSP);
    return payload;
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.statusCode === 400 || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      return reply.code(400).send({ ok: false, error: { code: 'validation', message: `Malformed request body: ${err.message}` } });
    }
    if (err.statusCode === 413) return reply.code(413).send({ ok: false, error: { code: 'validation', message: 'Request body too large' } });
    if (err.statusCode === 415) return reply.code(415).send({ ok: false, error: { code: 'validation', message: 'Send JSON (Content-Type: application/json)' } });
    engine.logger.error({ err, url: req.url }, 'host request failed');
    return reply.code(500).send({ ok: false, error: { code: 'internal', message: 'Internal error in the WARD FLUX host; see its log.' } });
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  // Before any route, for every request and WebSocket upgrade: DNS rebinding and foreign pages.
  // (After the WebSocket plugin's own onRequest hook, which a refused upgrade needs to close its socket.)
  app.addHook('onRequest', hostGuard(allowed, engine.logger));

  // Health answers unwrapped, 200 when ok and 503 when not. Without a credential (monitors, load
  // balancers) it says only that; the details (devices, database, polling) need one.
  app.get('/api/v1/health', async (req, reply) => {
    const result = await engine.api.call('health', {}, { transport: 'http' });
    if (!result.ok) return reply.code(HTTP_STATUS[result.error.code]).send(result);
    const code = result.data.status === 'ok' ? 200 : 503;
    const principal = auth.fromHeaders(req.headers);
    return reply.code(code).send(principal ? result.data : { status: result.data.status });
  });
  registerSessionRoutes(app, engine, auth, allowed);
  registerWsTransport(app, engine, auth, allowed, { ...DEFAULT_WS_LIMITS, ...options.wsLimits });
  registerHttpApi(app, engine, auth, signedIn);
  // Central mode (serve --central): site uploads from laptops, bearer token only.
  if (engine.central.mode) {
    const tokenGuard = requireAuth(auth, allowed, engine.logger, { tokenOnly: true });
    // Uploading is a technician's work (RUN): a viewer's token is refused, and the refusal audited.
    const uploadGuard = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      await tokenGuard(req, reply);
      if (reply.sent) return;
      const user = req.principal ? auth.callerOf(req.principal) : undefined;
      if (user && atLeast(user.role, RUN.role)) return;
      if (user) engine.audit.write({ procedure: 'central.upload', user, transport: 'http', remote: req.ip, ids: [], fields: [], outcome: 'forbidden' });
      await reply.code(403).send({ ok: false, error: { code: 'forbidden', message: user ? refusal('Uploading to the central', user, RUN.role) : 'Sign in again.' } });
    };
    registerCentralRoutes(app, engine.central.store, uploadGuard, (req) => (req.principal ? auth.callerOf(req.principal) : undefined));
  }

  if (hasUi) {
    await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: ['index.html'], wildcard: false });
  } else {
    engine.logger.warn({ rendererDir }, 'renderer not built; the UI is unavailable (run "npm run build")');
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.code(404).send({ ok: false, error: { code: 'not_found', message: `No API route ${req.method} ${req.url.split('?')[0]}` } });
    }
    if (!hasUi) return reply.code(503).type('text/plain').send(`WARD FLUX ${VERSION}: the UI is not built. Run "npm run build", then restart.\n`);
    return reply.sendFile('index.html');
  });

  const address = await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  const port = (app.server.address() as { port: number }).port;
  listeningPort = port;
  engine.logger.info({ address, ui: hasUi, allowedHosts: allowed.entries }, 'headless host listening');
  let closing: Promise<void> | undefined;
  // On a wildcard bind the URL to print is this machine's own loopback name.
  const shown = isWildcard(host) ? '127.0.0.1' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  return {
    url,
    signInUrl: `${url}/#token=${auth.loginSecret}`,
    port,
    close: () => (closing ??= app.close()),
  };
}
