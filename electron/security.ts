import { app, session, shell } from 'electron';
import { devServerUrl, isAppUrl } from './app-paths.ts';
import { DEV_SERVER_CSP } from './content-security-policy.ts';

function openExternally(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
}

/**
 * Hardening that applies to every web contents: no navigation away from the app, no new windows
 * (http(s) links open in the system browser), no <webview>, no permission prompts or device access, and
 * the CSP also as a header on the dev server's pages (app:// responses carry it from electron/app-scheme.ts).
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

  // The page needs no permission (notifications are shown by the main process) and no device.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
  if (devServerUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders };
      if (isAppUrl(details.url)) headers['Content-Security-Policy'] = [DEV_SERVER_CSP];
      callback({ responseHeaders: headers });
    });
  }
}
