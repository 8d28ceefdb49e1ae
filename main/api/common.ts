import { z } from 'zod';
import { badAddressMessage, looksNumeric, parseIp } from '../net/address.ts';
import { isHostName, MAX_HOST_NAME_LENGTH } from '../net/host-name.ts';
import { refusalOf } from '../net/probe-policy.ts';

/** Ids of stored records: UUIDs made by the engine. */
export const Id = z.uuid({ message: 'Must be an id returned by WARD FLUX' });

/** Milliseconds since the Unix epoch. */
export const Timestamp = z.number().int().nonnegative();

/**
 * Why a string is not a usable device address, or undefined when it is one: an IP address the
 * probe policy allows (main/net/probe-policy.ts; no zone ids: the pollers cannot use them) or a
 * host name by the one host-name rule (main/net/host-name.ts).
 */
export function addressProblem(value: string): string | undefined {
  if (value.includes(':') || looksNumeric(value)) {
    const ip = parseIp(value);
    if (!ip) return value.includes('%') && parseIp(value, { zone: true }) ? `"${value}": IPv6 zone ids (%eth0) are not supported in device addresses` : badAddressMessage(value);
    return refusalOf(ip, value)?.message;
  }
  return isHostName(value) ? undefined : `"${value}" is neither an IP address nor a valid host name`;
}

/** A device address: IPv4, IPv6 or a DNS host name. */
export const Address = z
  .string()
  .trim()
  .min(1, 'Address is required')
  .max(MAX_HOST_NAME_LENGTH + 1, 'Address is too long')
  .superRefine((value, ctx) => {
    const problem = addressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A tag: short, no spaces, so it can be typed in a filter. */
export const Tag = z
  .string()
  .trim()
  .min(1, 'Tags cannot be empty')
  .max(64, 'Tags are at most 64 characters')
  .regex(/^[\p{L}\p{N}_.:/-]+$/u, 'Tags may contain letters, digits and _ . : / - (no spaces)');

/** A human name for a record. */
export const Name = z.string().trim().min(1, 'Name is required').max(128, 'Name is at most 128 characters');

/**
 * An http(s) URL of a peer WARD FLUX talks to (VictoriaMetrics, Zabbix, the central server):
 * no credentials inside it (they go in the write-only secret fields), optionally no query or
 * fragment. `example` is shown when the text is not a URL at all.
 */
export function httpUrl(options: { example: string; credentialsField: string; allowQuery?: boolean }) {
  return z
    .string()
    .trim()
    .min(1, 'URL is required')
    .max(2048, 'URL is too long')
    .superRefine((value, ctx) => {
      let u: URL;
      try {
        u = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `Not a URL; enter e.g. ${options.example}` });
        return;
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'The URL must start with http:// or https://' });
      if (u.username || u.password) ctx.addIssue({ code: 'custom', message: `Do not put credentials in the URL; use the ${options.credentialsField}` });
      if (!options.allowQuery && (u.search || u.hash)) ctx.addIssue({ code: 'custom', message: 'The URL must not have a query or fragment' });
    });
}
