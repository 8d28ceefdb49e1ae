/**
 * Registers the app-shell service worker (renderer/public/sw.js) on the headless host, so the page
 * installs as an app and starts offline. Not in Electron (app://: the shell is on disk already) nor
 * where the browser has none (plain http to a LAN address is not a secure context).
 */
export function registerServiceWorker(loc: Pick<Location, 'protocol'> = location, nav: Navigator = navigator): boolean {
  if (loc.protocol !== 'http:' && loc.protocol !== 'https:') return false;
  if (!('serviceWorker' in nav)) return false;
  nav.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
    // Not fatal: the app works the same, it only does not start without the host.
  });
  return true;
}
