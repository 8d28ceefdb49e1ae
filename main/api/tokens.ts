import { z } from 'zod';

/** An API token as listed: never its value, which is shown once, when it is created. */
export const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  /** The user it belongs to: it acts with that user's role. */
  user: z.string(),
  createdAt: z.number().int(),
  /** Last use, to the minute; null when never used. */
  lastUsedAt: z.number().int().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

const TokenName = z.string().trim().min(1, 'Give the token a name').max(100, 'At most 100 characters');

export const tokensProcedures = {
  'tokens.list': { summary: 'API tokens (name, id, user, created, last used); never their values', input: z.strictObject({}).default({}), output: z.array(TokenInfo) },
  'tokens.create': {
    summary: 'Create an API token; its value is in this answer only (only a hash is stored)',
    /** `user`: whose token it is (a user name); the built-in admin when omitted. */
    input: z.strictObject({ name: TokenName, user: z.string().trim().min(1).max(64).optional() }),
    output: z.object({ token: z.string(), info: TokenInfo }),
  },
  'tokens.revoke': {
    summary: 'Revoke an API token by id or name: its HTTP calls, WebSocket connections and sessions end at once',
    input: z.strictObject({ id: z.string().trim().min(1).max(100) }),
    output: TokenInfo,
  },
} as const;
