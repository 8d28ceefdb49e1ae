import path from 'node:path';
import { isAppPageUrl } from './app-origin.ts';

/** Set by `electron-vite dev`: the renderer comes from the Vite dev server instead of app://wardflux/. */
export const devServerUrl: string | undefined = process.env.ELECTRON_RENDERER_URL || undefined;

/** out/main/index.js -> out/renderer (served as app://wardflux/) and out/preload/index.cjs. */
export const rendererDir = path.join(import.meta.dirname, '../renderer');
export const preloadFile = path.join(import.meta.dirname, '../preload/index.cjs');

/** True when `url` is the app's own page: app://wardflux/... in production, the dev server's origin in dev. */
export function isAppUrl(url: string): boolean {
  return isAppPageUrl(url, devServerUrl);
}
