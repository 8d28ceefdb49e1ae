/**
 * The one rule for every stored secret that WARD FLUX sends somewhere (the Zabbix token or
 * password, the SMTP password, webhook header values and HMAC key, the VictoriaMetrics and
 * central tokens): a saved secret is only ever sent to the destination it was entered for.
 *
 * A destination is what decides who receives the secret: for a URL its scheme, host, port and
 * path (and query), normalised so that spelling alone (case, a default port, a trailing slash or
 * dot) is not a change; for SMTP the host, port and how the peer is verified (plain, STARTTLS or
 * TLS, and whether any certificate is accepted). When an update changes the destination, the
 * stored secrets are dropped: the update must give them again (`carrySecret` refuses it with a
 * field issue saying so) or, where a secret is optional, they are simply not kept.
 */
import type { FieldIssue } from '../api/result.ts';
import { ValidationError } from '../errors.ts';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** The canonical form of a URL's destination; an unparsable URL is only ever equal to itself. */
function urlDestination(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return `unparsed:${url.trim()}`;
  }
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  const port = u.port || DEFAULT_PORTS[u.protocol] || '';
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${host}:${port}${path}${u.search}`;
}

/** True when both URLs reach the same destination (see the module comment). */
export function sameUrlDestination(a: string, b: string): boolean {
  return urlDestination(a) === urlDestination(b);
}

/** What identifies an SMTP peer: where it is and how it is verified. */
export interface SmtpPeer {
  host: string;
  port: number;
  security: string;
  allowSelfSigned: boolean;
}

/** The canonical form of an SMTP peer. */
function smtpDestination(p: SmtpPeer): string {
  // Without TLS no certificate is checked, so the self-signed switch does not change the peer.
  const verify = p.security === 'none' ? 'plain' : p.allowSelfSigned ? 'any-certificate' : 'verified';
  return `smtp:${p.security}:${verify}//${p.host.trim().toLowerCase().replace(/\.$/, '')}:${p.port}`;
}

/** True when both settings reach the same SMTP peer, verified the same way. */
export function sameSmtpDestination(a: SmtpPeer, b: SmtpPeer): boolean {
  return smtpDestination(a) === smtpDestination(b);
}

/** Names a secret in the words a person sees next to its field. */
export interface SecretField {
  /** The issue path: the input field that takes the secret (e.g. `token`, `email.password`). */
  path: string;
  /** What to enter again, e.g. "API token", "SMTP password". */
  label: string;
  /** What changed, e.g. "server address" (default), "SMTP server". */
  destination?: string;
}

/** The field issue of a secret dropped because its destination changed. */
export function secretDroppedIssue(f: SecretField): FieldIssue {
  return {
    path: f.path,
    message: `The ${f.destination ?? 'server address'} changed: enter the ${f.label} again (a saved secret is only sent to the server it was entered for)`,
  };
}

/** The refusal of an update that changes the destination without giving a required secret again. */
function secretDroppedError(f: SecretField): ValidationError {
  const issue = secretDroppedIssue(f);
  return new ValidationError(issue.message, [issue]);
}

/**
 * The secret an update ends with: the one given; else the stored one when the destination is
 * the same; else none. When the destination changed, a secret was stored and `required` names
 * it, the update is refused (secretDroppedError) instead of going on without it.
 */
export function carrySecret<T>(given: T | undefined, stored: T | undefined, sameDestination: boolean, required?: SecretField): T | undefined {
  if (given !== undefined) return given;
  if (sameDestination) return stored;
  if (stored !== undefined && required) throw secretDroppedError(required);
  return undefined;
}
