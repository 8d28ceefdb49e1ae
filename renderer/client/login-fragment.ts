/**
 * The login secret of the URL `wardflux serve` prints (`http://host:port/#token=<secret>`),
 * taken once at start-up and removed from the address bar and the history at once, so it is
 * neither bookmarked nor left on screen. A fragment never reaches a server, nor its log.
 */
export function takeLoginFragment(loc: Pick<Location, 'hash' | 'pathname' | 'search'> = location, hist: Pick<History, 'replaceState'> = history): string | undefined {
  const match = /^#token=([^&]+)/.exec(loc.hash);
  if (!match?.[1]) return undefined;
  hist.replaceState(null, '', `${loc.pathname}${loc.search}#/`);
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
