import { app, session, shell } from 'electron';
import { devServerUrl, isAppUrl } from './app-paths.ts';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function openExternally(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
}

/**
 * Hardening that applies to every web contents: no navigation away from the app, no new windows
 * (http(s) links open in the system browser), no <webview>, no permission prompts, and the CSP
 * also as a response header where the page is served over http (the dev server).
 */
export function applySecurityPolicies(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault();
        openExternally(url);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The built page is a file:// URL and carries the CSP in its meta tag; the dev server's pages get it as a header too.
  if (devServerUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders };
      // The dev server's React Fast Refresh needs its inline preamble (see electron.vite.config.ts).
      if (isAppUrl(details.url)) headers['Content-Security-Policy'] = [CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")];
      callback({ responseHeaders: headers });
    });
  }
}
