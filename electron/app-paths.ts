import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Set by `electron-vite dev`: the renderer comes from the Vite dev server instead of out/renderer. */
export const devServerUrl: string | undefined = process.env.ELECTRON_RENDERER_URL || undefined;

/** out/main/index.js -> out/renderer/index.html and out/preload/index.cjs. */
export const rendererIndexFile = path.join(import.meta.dirname, '../renderer/index.html');
export const preloadFile = path.join(import.meta.dirname, '../preload/index.cjs');

const rendererIndexUrl = pathToFileURL(rendererIndexFile).href;

/** True when `url` is the app's own page (the built index.html, or the dev server), any hash. */
export function isAppUrl(url: string): boolean {
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  const rest = url.startsWith(rendererIndexUrl) ? url.slice(rendererIndexUrl.length) : undefined;
  return rest !== undefined && (rest === '' || rest.startsWith('#') || rest.startsWith('?'));
}
