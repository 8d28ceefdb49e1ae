import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokensRepo } from '../store/tokens-repo.ts';

/** The token of an `Authorization: Bearer ...` header, if any. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** A fastify preHandler that answers 401 unless the request carries a valid API token. */
export function requireToken(tokens: TokensRepo) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(req);
    if (!token) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="wardflux"')
        .send({ ok: false, error: { code: 'unauthorized', message: 'This API needs "Authorization: Bearer <token>"; create one with "wardflux token create".' } });
      return;
    }
    if (!tokens.verify(token)) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="wardflux", error="invalid_token"')
        .send({ ok: false, error: { code: 'unauthorized', message: 'The API token is not valid (unknown or revoked).' } });
    }
  };
}
