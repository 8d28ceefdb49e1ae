/**
 * SNMP credentials as the session layer takes them (a ResolvedCredential from the store fits),
 * their mapping to net-snmp users, and Net-SNMP's command-line spellings of protocols.
 */
import crypto from 'node:crypto';
import type { AuthProtocol as AuthProtocolSchema, PrivProtocol as PrivProtocolSchema, SecurityLevel as SecurityLevelSchema } from '../api/credentials.ts';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { netSnmp, type NetSnmpUser } from './net-snmp-lib.ts';

export type AuthProtocol = z.infer<typeof AuthProtocolSchema>;
export type PrivProtocol = z.infer<typeof PrivProtocolSchema>;
export type SecurityLevel = z.infer<typeof SecurityLevelSchema>;

/** A v1/v2c community credential. */
export interface CommunityCredential {
  id?: string;
  version: '1' | '2c';
  community: string;
}

/** An SNMPv3 USM credential. aes = AES-128; aes256b/aes256r = AES-256 with Blumenthal/Reeder key extension. */
export interface V3Credential {
  id?: string;
  version: '3';
  username: string;
  securityLevel: SecurityLevel;
  authProtocol?: AuthProtocol;
  authKey?: string;
  privProtocol?: PrivProtocol;
  privKey?: string;
  contextName?: string;
}

/** What a session needs to talk to an agent. `ResolvedCredential` (store) is assignable to it. */
export type SnmpCredential = CommunityCredential | V3Credential;

const AUTH: Record<AuthProtocol, number> = {
  md5: netSnmp.AuthProtocols.md5,
  sha: netSnmp.AuthProtocols.sha,
  sha224: netSnmp.AuthProtocols.sha224,
  sha256: netSnmp.AuthProtocols.sha256,
  sha384: netSnmp.AuthProtocols.sha384,
  sha512: netSnmp.AuthProtocols.sha512,
};

const PRIV: Record<PrivProtocol, number> = {
  des: netSnmp.PrivProtocols.des,
  aes: netSnmp.PrivProtocols.aes,
  aes256b: netSnmp.PrivProtocols.aes256b,
  aes256r: netSnmp.PrivProtocols.aes256r,
};

/** The net-snmp user for a v3 credential; ValidationError when a field its level needs is missing. */
export function toNetSnmpUser(c: V3Credential): NetSnmpUser {
  const level = netSnmp.SecurityLevel[c.securityLevel];
  const user: NetSnmpUser = { name: c.username, level };
  if (c.securityLevel === 'noAuthNoPriv') return user;
  if (!c.authProtocol || !c.authKey) throw new ValidationError(`SNMPv3 ${c.securityLevel} needs an authentication protocol and password`);
  user.authProtocol = AUTH[c.authProtocol];
  user.authKey = c.authKey;
  if (c.securityLevel === 'authPriv') {
    if (!c.privProtocol || !c.privKey) throw new ValidationError('SNMPv3 authPriv needs a privacy protocol and password');
    user.privProtocol = PRIV[c.privProtocol];
    user.privKey = c.privKey;
  }
  return user;
}

/**
 * A stable key for caching sessions per credential: its id when stored, otherwise a hash of its
 * fields (never the secrets themselves, which must not end up in logs or maps printed in debug).
 */
export function credentialKey(c: SnmpCredential): string {
  if (c.id) return `id:${c.id}`;
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify(c.version === '3' ? [c.version, c.username, c.securityLevel, c.authProtocol, c.authKey, c.privProtocol, c.privKey, c.contextName] : [c.version, c.community]));
  return `h:${h.digest('base64url').slice(0, 22)}`;
}

/** A short, secret-free description: 'v2c', 'v3 admin authPriv sha/aes'. */
export function describeCredential(c: SnmpCredential): string {
  if (c.version !== '3') return `v${c.version}`;
  const protos = c.securityLevel === 'noAuthNoPriv' ? '' : ` ${c.authProtocol ?? '?'}${c.securityLevel === 'authPriv' ? `/${c.privProtocol ?? '?'}` : ''}`;
  return `v3 ${c.username} ${c.securityLevel}${protos}`;
}

const norm = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');

const AUTH_SPELLINGS: Record<string, AuthProtocol> = {
  md5: 'md5',
  sha: 'sha',
  sha1: 'sha',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

const PRIV_SPELLINGS: Record<string, PrivProtocol> = {
  des: 'des',
  aes: 'aes',
  aes128: 'aes',
  // Net-SNMP's AES-256 is the Blumenthal draft (usmAES256PrivProtocol, key extension by hashing).
  aes256: 'aes256b',
  aes256b: 'aes256b',
  aes256blumenthal: 'aes256b',
  // Net-SNMP spells the Cisco (Reeder) variant AES-256-C.
  aes256c: 'aes256r',
  aes256r: 'aes256r',
  aes256reeder: 'aes256r',
  aes256cisco: 'aes256r',
};

/** Parses `-a`: MD5, SHA, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512 (any case). */
export function parseAuthProtocol(text: string): AuthProtocol {
  const p = AUTH_SPELLINGS[norm(text)];
  if (!p) throw new ValidationError(`Unknown authentication protocol "${text}": use MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512`);
  return p;
}

/** Parses `-x`: DES, AES (AES-128), AES-256 (Blumenthal), AES-256-C (Reeder/Cisco). AES-192 is not supported. */
export function parsePrivProtocol(text: string): PrivProtocol {
  const p = PRIV_SPELLINGS[norm(text)];
  if (!p) {
    const hint = /192/.test(text) ? ' (AES-192 is not supported by the SNMP library WARD FLUX uses)' : '';
    throw new ValidationError(`Unknown privacy protocol "${text}"${hint}: use DES, AES, AES-256 or AES-256-C`);
  }
  return p;
}

/** Parses `-l`: noAuthNoPriv, authNoPriv, authPriv (any case, Net-SNMP also accepts 1/2/3). */
export function parseSecurityLevel(text: string): SecurityLevel {
  const t = norm(text);
  if (t === 'noauthnopriv' || t === '1' || t === 'noauth') return 'noAuthNoPriv';
  if (t === 'authnopriv' || t === '2' || t === 'auth') return 'authNoPriv';
  if (t === 'authpriv' || t === '3' || t === 'priv') return 'authPriv';
  throw new ValidationError(`Unknown security level "${text}": use noAuthNoPriv, authNoPriv or authPriv`);
}
