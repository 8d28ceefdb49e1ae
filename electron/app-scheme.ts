import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { rendererDir } from './app-paths.ts';
import { APP_CSP } from './content-security-policy.ts';

/** Must run before app 'ready' (at module load of electron/main.ts): makes app:// a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** After 'ready': serves app://wardflux/ from out/renderer only, with the CSP as a header. */
export function serveAppScheme(): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererDir, csp: APP_CSP }));
}
