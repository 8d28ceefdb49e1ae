import { z } from 'zod';
import { Id, Name, Timestamp } from './common.ts';

export const SnmpVersion = z.enum(['1', '2c', '3']);
export const SecurityLevel = z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']);
export const AuthProtocol = z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']);
/** aes = AES-128; aes256b / aes256r = AES-256 with the Blumenthal or the Reeder (Cisco) key extension. */
export const PrivProtocol = z.enum(['des', 'aes', 'aes256b', 'aes256r']);

const Community = z.string().min(1, 'Community is required').max(255, 'Community is at most 255 characters');
// RFC 3414 requires at least 8 characters for a password-derived key.
const V3Key = z.string().min(8, 'SNMPv3 passphrases need at least 8 characters').max(255);
const Username = z.string().trim().min(1, 'User name is required').max(32, 'SNMPv3 user names are at most 32 characters');

const v3Fields = {
  username: Username,
  securityLevel: SecurityLevel,
  authProtocol: AuthProtocol.optional(),
  authKey: V3Key.optional(),
  privProtocol: PrivProtocol.optional(),
  privKey: V3Key.optional(),
  contextName: z.string().max(64).optional(),
};

/** What a new credential carries. Secrets (community, keys) go in and never come out. */
export const CredentialCreateInput = z.discriminatedUnion('version', [
  z.strictObject({ name: Name, version: z.enum(['1', '2c']), community: Community }),
  z.strictObject({ name: Name, version: z.literal('3'), ...v3Fields }),
]);
export type CredentialCreateInput = z.infer<typeof CredentialCreateInput>;

/** Fields to change; a secret left out keeps its stored value. */
export const CredentialUpdateInput = z.strictObject({
  id: Id,
  name: Name.optional(),
  version: SnmpVersion.optional(),
  community: Community.optional(),
  ...z.object(v3Fields).partial().shape,
});

/** A credential as the contract shows it: metadata only. */
export const Credential = z.object({
  id: Id,
  name: Name,
  version: SnmpVersion,
  hasCommunity: z.boolean(),
  username: z.string().optional(),
  securityLevel: SecurityLevel.optional(),
  authProtocol: AuthProtocol.optional(),
  privProtocol: PrivProtocol.optional(),
  hasAuthKey: z.boolean(),
  hasPrivKey: z.boolean(),
  contextName: z.string().optional(),
  /** How many devices use it. */
  usedBy: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Credential = z.infer<typeof Credential>;

/** A credential to try without storing it (the test dialog's typed one): the create input without a name. */
export const AdHocCredential = z.discriminatedUnion('version', [
  z.strictObject({ version: z.enum(['1', '2c']), community: Community }),
  z.strictObject({ version: z.literal('3'), ...v3Fields }),
]);

/** `credentials.test`: one stored credential (by id) or one typed here, against one address. */
export const CredentialTestInput = z
  .strictObject({
    /** Address or host name, with :port when not 161. */
    address: z.string().trim().min(1, 'Enter the address of a host to test against').max(300),
    credentialId: Id.optional(),
    credential: AdHocCredential.optional(),
    /** Wait for an answer this long per request (one resend). */
    timeoutMs: z.number().int().min(100).max(10_000).default(2000),
  })
  .refine((x) => (x.credentialId === undefined) !== (x.credential === undefined), { message: 'Give either a stored credential or a credential to try', path: ['credentialId'] });
export type CredentialTestInput = z.input<typeof CredentialTestInput>;

/**
 * What the agent said to discovery's system-group GET, or why it said nothing: `timeout` (no
 * answer: wrong community, no agent, or a filter), `auth_failed` (an SNMPv3 security failure),
 * `refused` (an answer that was an error or could not be used), `unreachable` (could not be sent).
 */
export const CredentialTestResult = z.object({
  address: z.string(),
  status: z.enum(['ok', 'timeout', 'auth_failed', 'refused', 'unreachable', 'cancelled']),
  /** One sentence for the person testing. */
  message: z.string(),
  version: SnmpVersion,
  /** Round trip of the request that was answered, ms. */
  rttMs: z.number().optional(),
  sysName: z.string().nullable().optional(),
  sysDescr: z.string().nullable().optional(),
  sysObjectID: z.string().nullable().optional(),
  sysUpTimeSec: z.number().nullable().optional(),
});
export type CredentialTestResult = z.infer<typeof CredentialTestResult>;

export const credentialsProcedures = {
  'credentials.list': { summary: 'List SNMP credentials (metadata only)', input: z.strictObject({}).default({}), output: z.array(Credential) },
  'credentials.create': { summary: 'Store a new SNMP credential, encrypted', input: CredentialCreateInput, output: Credential },
  'credentials.update': { summary: 'Change a credential; omitted secrets are kept', input: CredentialUpdateInput, output: Credential },
  'credentials.delete': { summary: 'Delete a credential no device uses', input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  'credentials.test': { summary: "Read a host's SNMP system group once with one credential: what the agent said, or why not", input: CredentialTestInput, output: CredentialTestResult },
} as const;
