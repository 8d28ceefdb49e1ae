import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Role } from './roles.ts';

/** A user of the headless host or the central, as listed: never the password or its hash. */
export const UserInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** The built-in admin: signs in with the login secret `serve` prints; cannot be removed. */
  builtin: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: Timestamp,
});
export type UserInfo = z.infer<typeof UserInfo>;

export const UserName = z
  .string()
  .trim()
  .min(1, 'Give the user a name')
  .max(64, 'At most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'Letters, digits and . _ @ - (starting with a letter or digit)');
export const Password = z.string().min(10, 'At least 10 characters').max(256, 'At most 256 characters');

/** Who the caller is: the renderer reads it once, and hides or disables what the role may not do. */
export const WhoAmI = z.object({
  name: z.string(),
  role: Role,
  /** The desktop app and the CLI: the one local user, who is the admin; there is no sign-in. */
  local: z.boolean(),
  /** The procedures this role may not call, each with the weakest role that may (from the permission table). */
  denied: z.record(z.string(), Role),
});
export type WhoAmI = z.infer<typeof WhoAmI>;

export const usersProcedures = {
  'session.whoami': { summary: 'The signed-in user and role (the local admin in the desktop app)', input: z.strictObject({}).default({}), output: WhoAmI },
  'users.list': { summary: 'Users and their roles (never their passwords)', input: z.strictObject({}).default({}), output: z.array(UserInfo) },
  'users.create': {
    summary: 'Add a user with a role and a password (stored as a scrypt hash)',
    input: z.strictObject({ name: UserName, role: Role, password: Password }),
    output: UserInfo,
  },
  'users.setRole': { summary: 'Change a user\'s role (not the built-in admin\'s)', input: z.strictObject({ name: UserName, role: Role }), output: UserInfo },
  'users.setPassword': { summary: 'Set a user\'s password', input: z.strictObject({ name: UserName, password: Password }), output: UserInfo },
  'users.remove': {
    summary: 'Remove a user (not the built-in admin): their sessions and tokens end at once',
    input: z.strictObject({ name: UserName }),
    output: UserInfo,
  },
} as const;
