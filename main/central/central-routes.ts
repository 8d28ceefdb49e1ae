/**
 * The central's upload API (serve --central), under /api/v1/central/, bearer token required.
 * See main/central/README.md for the protocol.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { fieldIssues } from '../api/field-issues.ts';
import { Id } from '../api/common.ts';
import { UploadKind } from '../api/central.ts';
import { toErrorBody, ValidationError } from '../errors.ts';
import { HTTP_STATUS } from '../api/http-status.ts';
import type { CentralStore } from './central-store.ts';

const Base64 = z.string().max(2 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Must be base64');

export const UploadBody = z.strictObject({
  uploadId: Id,
  site: z.strictObject({
    name: z.string().trim().min(1).max(128),
    customer: z.string().max(200).optional(),
    address: z.string().max(500).optional(),
    technician: z.string().max(128).optional(),
  }),
  kind: UploadKind,
  metadata: z.record(z.string(), z.unknown()).default({}),
  filename: z.string().trim().min(1).max(200),
  mimeType: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A lowercase hex SHA-256'),
  chunkSize: z.number().int().min(1024).max(512 * 1024).default(256 * 1024),
  /** The whole file (base64) in this request; omit it to send chunks. */
  content: Base64.optional(),
});

const ChunkBody = z.strictObject({ data: Base64 });

function fail(reply: FastifyReply, err: unknown) {
  const body = toErrorBody(err);
  return reply.code(HTTP_STATUS[body.code]).send({ ok: false, error: body });
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new ValidationError(`Invalid upload: ${fieldIssues(r.error).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, fieldIssues(r.error));
  return r.data;
}

/** `guard` is the host's bearer-token check (laptops authenticate with a token, never a browser session). */
/** `uploader` names the user a request's token belongs to: every upload is attributed to it. */
export function registerCentralRoutes(app: FastifyInstance, store: CentralStore, guard: preHandlerAsyncHookHandler, uploader: (req: FastifyRequest) => { id: string; name: string } | undefined): void {
  app.register(
    async (api) => {
      api.addHook('preHandler', guard);
      api.post('/uploads', async (req, reply) => {
        try {
          const b = parse(UploadBody, req.body);
          const content = b.content === undefined ? undefined : Buffer.from(b.content, 'base64');
          const { created, state } = store.begin(b, content, uploader(req));
          return reply.code(created ? 201 : 200).send({ ok: true, data: state });
        } catch (err) {
          return fail(reply, err);
        }
      });
      api.get<{ Params: { id: string } }>('/uploads/:id', async (req, reply) => {
        try {
          return reply.send({ ok: true, data: store.status(parse(Id, req.params.id)) });
        } catch (err) {
          return fail(reply, err);
        }
      });
      api.put<{ Params: { id: string; n: string } }>('/uploads/:id/chunks/:n', async (req, reply) => {
        try {
          const id = parse(Id, req.params.id);
          if (!/^\d{1,6}$/.test(req.params.n)) throw new ValidationError('The chunk number must be a whole number');
          const { data } = parse(ChunkBody, req.body);
          return reply.send({ ok: true, data: store.putChunk(id, Number(req.params.n), Buffer.from(data, 'base64')) });
        } catch (err) {
          return fail(reply, err);
        }
      });
      api.post<{ Params: { id: string } }>('/uploads/:id/complete', async (req, reply) => {
        try {
          return reply.send({ ok: true, data: store.complete(parse(Id, req.params.id)) });
        } catch (err) {
          return fail(reply, err);
        }
      });
    },
    { prefix: '/api/v1/central' },
  );
}
