/**
 * The one host-name rule (RFC 1123 §2.1, RFC 1035 §2.3.4): labels of letters, digits and
 * hyphens, 1-63 characters, not starting or ending with a hyphen; at most 253 characters in all,
 * not counting one trailing dot (the root). Underscores are refused: they are not valid in host
 * names (only in other DNS records such as _ldap._tcp SRV names).
 *
 * The last label (the top-level domain) may not be all digits or 0x-hex: no TLD is, and the
 * system resolver reads such names ('10.1', '0x7f.1', '2130706433') as IPv4 addresses
 * (inet_aton), which would slip past every address check.
 *
 * Pure: no Node modules (the contract in main/api/ uses it).
 */

export const MAX_HOST_NAME_LENGTH = 253;

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/**
 * The rule as a regular expression, for zod schemas (`z.string().regex(HOST_NAME)`). The same as
 * `isHostName`.
 */
export const HOST_NAME = new RegExp(`^(?=.{1,${MAX_HOST_NAME_LENGTH}}\\.?$)(?:${LABEL}\\.)*(?!(?:\\d+|0[xX][0-9A-Fa-f]*)\\.?$)${LABEL}\\.?$`);

/** True when `text` is a valid host name (a trailing dot allowed). */
export function isHostName(text: string): boolean {
  return HOST_NAME.test(text);
}

/** The name in the form used for comparing and looking up: lower case, without the trailing dot. */
export function normaliseHostName(text: string): string {
  return text.trim().toLowerCase().replace(/\.$/, '');
}

/** Why `text` is not a valid host name, or undefined when it is one. */
export function hostNameProblem(text: string): string | undefined {
  if (isHostName(text)) return undefined;
  const bare = text.replace(/\.$/, '');
  if (bare.length > MAX_HOST_NAME_LENGTH) return `"${text.slice(0, 40)}…" is too long for a host name (at most ${MAX_HOST_NAME_LENGTH} characters)`;
  const labels = bare.split('.');
  if (labels.some((l) => l.length > 63)) return `"${text}" has a label longer than 63 characters`;
  if (labels.some((l) => l === '')) return `"${text}" has an empty label (two dots in a row, or a leading dot)`;
  if (/_/.test(text)) return `"${text}" is not a valid host name: underscores are not allowed`;
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-'))) return `"${text}" is not a valid host name: a label cannot start or end with a hyphen`;
  if (/^(?:\d+|0x[0-9a-f]*)$/i.test(labels.at(-1) ?? '')) return `"${text}" is not a valid host name: its last label cannot be a number`;
  return `"${text}" is not a valid host name (letters, digits, hyphens and dots)`;
}
