/**
 * The app's own origin and the checks built on it. Pure (no electron import) so it can be unit-tested.
 *
 * In production the built renderer is served from the privileged scheme `app://wardflux/` (electron/app-scheme.ts);
 * under `electron-vite dev` the page comes from the Vite dev server instead, and only that origin counts.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wardflux';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for `app://wardflux/...` exactly: no other host, no port, no user info. */
export function isAppSchemeUrl(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

/**
 * True when `url` belongs to the app's own page: `app://wardflux/...` in production, or (only when a dev server
 * URL is given) the dev server's http(s) origin. file:// and every other origin are refused.
 */
export function isAppPageUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (devServerUrl === undefined) return isAppSchemeUrl(parsed);
  const dev = parse(devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
  return parsed.origin === dev.origin;
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** An IPC sender is trusted only as the top frame of the app's own page: not an iframe, not a page navigated elsewhere. */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  return frame != null && frame.parent === null && isAppPageUrl(frame.url, devServerUrl);
}
