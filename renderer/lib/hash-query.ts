/** A query parameter of the URL hash (#/diagnostics?target=198.18.0.10), or '' when absent. */
export function hashParam(hash: string, name: string): string {
  const i = hash.indexOf('?');
  return i < 0 ? '' : (new URLSearchParams(hash.slice(i + 1)).get(name) ?? '');
}

/** The hash that opens a page with query parameters. */
export function hashWith(page: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  return q ? `#/${page}?${q}` : `#/${page}`;
}
