/**
 * The Electron page's Content-Security-Policy, sent as a header with every app:// response (and with the dev
 * server's pages). renderer/index.html carries the same policy (less frame-ancestors, ignored in a meta tag).
 * The Electron renderer talks to the engine over IPC only, so connect-src is the page's own origin.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The dev server injects React Fast Refresh as an inline module script (see electron.vite.config.ts). */
export const DEV_SERVER_CSP = APP_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
