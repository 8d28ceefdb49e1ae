import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ProcedureName } from '../api/contract.ts';
import type { Result } from '../api/result.ts';
import type { Engine } from '../engine.ts';
import { HTTP_STATUS } from '../api/http-status.ts';
import type { HostAuth } from './host-auth.ts';

type Params = { id: string };
type RpcParams = { procedure: string };

/** Query strings are text; turn the well-known numeric and boolean filters into their types. */
function coerceQuery(query: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if ((k === 'limit' || k === 'offset') && /^\d+$/.test(v)) out[k] = Number(v);
    else if (k === 'enabled' && (v === 'true' || v === 'false')) out[k] = v === 'true';
    else out[k] = v;
  }
  return out;
}

function body(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/**
 * The HTTP API for scripts under /api/v1/: REST-style routes for devices, credentials and
 * settings, plus POST /api/v1/rpc/:procedure for every procedure of the contract, and GET
 * /api/v1/metrics (the engine's own metrics, Prometheus text format). All of them
 * pass `guard` (a bearer token, or the session of a page of this host). Responses are the
 * contract's `{ ok, data }` / `{ ok, error }` envelope.
 */
export function registerHttpApi(app: FastifyInstance, engine: Engine, auth: HostAuth, guard: preHandlerAsyncHookHandler): void {
  const call = async (req: FastifyRequest, reply: FastifyReply, name: ProcedureName | string, input: unknown, okStatus = 200) => {
    // The guard set the principal; its user (as it is now) decides what the call may do.
    const user = req.principal ? auth.callerOf(req.principal) : undefined;
    if (!user) return reply.code(401).send({ ok: false, error: { code: 'unauthorized', message: 'Your user no longer exists: sign in again.' } });
    const result: Result<unknown> = await engine.api.callUnknown(name, input, { transport: 'http', user, remote: req.ip });
    return reply.code(result.ok ? okStatus : HTTP_STATUS[result.error.code]).send(result);
  };

  app.register(async (api) => {
    api.addHook('preHandler', guard);

    api.get('/devices', (req, reply) => call(req, reply, 'devices.list', coerceQuery(req.query as Record<string, string>)));
    api.post('/devices', (req, reply) => call(req, reply, 'devices.create', req.body, 201));
    api.get<{ Params: Params }>('/devices/:id', (req, reply) => call(req, reply, 'devices.get', { id: req.params.id }));
    api.patch<{ Params: Params }>('/devices/:id', (req, reply) => call(req, reply, 'devices.update', { ...body(req.body), id: req.params.id }));
    api.delete<{ Params: Params }>('/devices/:id', (req, reply) => call(req, reply, 'devices.delete', { id: req.params.id }));

    api.get('/credentials', (req, reply) => call(req, reply, 'credentials.list', {}));
    api.post('/credentials', (req, reply) => call(req, reply, 'credentials.create', req.body, 201));
    api.patch<{ Params: Params }>('/credentials/:id', (req, reply) => call(req, reply, 'credentials.update', { ...body(req.body), id: req.params.id }));
    api.delete<{ Params: Params }>('/credentials/:id', (req, reply) => call(req, reply, 'credentials.delete', { id: req.params.id }));

    api.get('/settings', (req, reply) => call(req, reply, 'settings.get', {}));
    api.patch('/settings', (req, reply) => call(req, reply, 'settings.set', req.body));

    api.post<{ Params: RpcParams }>('/rpc/:procedure', (req, reply) => call(req, reply, req.params.procedure, req.body ?? {}));

    // The engine's own metrics in Prometheus text format, for a scraper holding a token (any role).
    api.get('/metrics', async (req, reply) => {
      if (!req.principal || !auth.callerOf(req.principal)) return reply.code(401).send({ ok: false, error: { code: 'unauthorized', message: 'Your user no longer exists: sign in again.' } });
      const { contentType, body: text } = await engine.areas.selfMetrics.exposition();
      return reply.code(200).header('content-type', contentType).header('cache-control', 'no-store').send(text);
    });
  }, { prefix: '/api/v1' });
}
