import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError } from 'fastify';
import type { Engine } from '../engine.ts';
import { ValidationError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { DEFAULT_PORT } from './defaults.ts';
import { registerHttpApi } from './http-api.ts';
import { registerCentralRoutes } from '../central/central-routes.ts';
import { HTTP_STATUS } from './http-status.ts';
import { isLoopbackHost } from './loopback.ts';
import { MAX_MESSAGE_BYTES, registerWsTransport } from './ws-transport.ts';

export { DEFAULT_PORT };

export interface HostOptions {
  engine: Engine;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  /** True when the UI's WebSocket requires an API token (any non-loopback bind). */
  authRequired: boolean;
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
 * and the token-protected HTTP API for scripts. Refuses a non-loopback address while no API
 * token exists, so the engine is never exposed to a network without authentication.
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

  const app = Fastify({ logger: false, bodyLimit: MAX_MESSAGE_BYTES });
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

  // Health is open (for monitors and load balancers) and answered unwrapped: 200 when ok, 503 when not.
  app.get('/api/v1/health', async (_req, reply) => {
    const result = await engine.api.call('health', {}, { transport: 'http' });
    if (!result.ok) return reply.code(HTTP_STATUS[result.error.code]).send(result);
    return reply.code(result.data.status === 'ok' ? 200 : 503).send(result.data);
  });
  registerWsTransport(app, engine, !loopback);
  registerHttpApi(app, engine);
  // Central mode (serve --central): site uploads from laptops, bearer token required.
  if (engine.central.mode) registerCentralRoutes(app, engine.central.store, engine.tokens);

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
  engine.logger.info({ address, ui: hasUi }, 'headless host listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    authRequired: !loopback,
    close: () => (closing ??= app.close()),
  };
}
