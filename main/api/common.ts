import { z } from 'zod';

/** Ids of stored records: UUIDs made by the engine. */
export const Id = z.uuid({ message: 'Must be an id returned by WARD FLUX' });

/** Milliseconds since the Unix epoch. */
export const Timestamp = z.number().int().nonnegative();

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// RFC 1123 host names: labels of letters, digits and hyphens, not starting or ending with a hyphen.
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;

/** Why a string is not a usable device address, or undefined when it is one. */
export function addressProblem(value: string): string | undefined {
  if (value.includes(':')) {
    return z.ipv6().safeParse(value).success ? undefined : `"${value}" is not a valid IPv6 address`;
  }
  if (/^[\d.]+$/.test(value)) {
    if (!IPV4.test(value)) return `"${value}" is not a valid IPv4 address (four numbers 0-255 separated by dots)`;
    const first = Number(value.split('.')[0]);
    if (value === '0.0.0.0') return '0.0.0.0 is the unspecified address, not a device';
    if (value === '255.255.255.255') return '255.255.255.255 is the broadcast address, not a device';
    if (first >= 224 && first <= 239) return `${value} is a multicast address, not a device`;
    if (first >= 240) return `${value} is in the reserved range 240.0.0.0/4`;
    return undefined;
  }
  return HOSTNAME.test(value) ? undefined : `"${value}" is neither an IP address nor a valid host name`;
}

/** A device address: IPv4, IPv6 or a DNS host name. */
export const Address = z
  .string()
  .trim()
  .min(1, 'Address is required')
  .max(253, 'Address is too long')
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
