/**
 * What the sign-in field holds, reduced to the secret the host checks: an API token or a login
 * secret as is, or the whole sign-in link `wardflux serve` printed (`http://host:port/#token=…`),
 * of which only the part after `#token=` counts.
 */
export function signInSecret(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.indexOf('#token=');
  if (at < 0) return trimmed;
  const raw = trimmed.slice(at + '#token='.length).split('&')[0] ?? '';
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}
