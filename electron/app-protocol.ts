/**
 * The app:// request handler: maps `app://wardflux/<path>` to a file of the built renderer directory and
 * nothing else. Pure Node (no electron import): electron/app-scheme.ts hands it to protocol.handle.
 */
import fs from 'node:fs/promises';
import nodePath from 'node:path';
import { isAppSchemeUrl } from './app-origin.ts';

/** Scheme privileges: a standard, secure origin with fetch; no CSP bypass, no CORS exemption, no service workers. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file, by extension (module scripts need a JavaScript type); unknown -> octet-stream. */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

export type AppFileTarget = { ok: true; file: string; mimeType: string } | { ok: false };

/**
 * The file under `rootDir` that `url` names, or `{ ok: false }` (served as 404) for another scheme or host, a
 * malformed escape, a NUL byte, or any path that resolves outside `rootDir` (`..`, `%2e%2e`, `%2f`, `%5c`,
 * absolute or drive paths). `/` is index.html; the query and fragment are ignored. `pathApi` lets tests check
 * the Windows rules too.
 */
export function resolveAppFile(url: string, rootDir: string, pathApi: PathApi = nodePath): AppFileTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false };
  }
  if (!isAppSchemeUrl(parsed)) return { ok: false };
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false };
  }
  if (decoded.includes('\0')) return { ok: false };
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, relativePath);
  const inside = pathApi.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(inside)) return { ok: false };
  return { ok: true, file, mimeType: mimeTypeFor(file) };
}

export interface AppProtocolOptions {
  /** The built renderer directory (out/renderer). */
  rootDir: string;
  /** Sent as the Content-Security-Policy header of every response. */
  csp: string;
  /** Defaults to fs.readFile (which, in Electron's main process, reads inside app.asar too). */
  readFile?: (file: string) => Promise<Uint8Array>;
}

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** The protocol.handle handler: GET/HEAD of the renderer's files, 404 for anything else it names, 405 for other methods. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((file: string) => fs.readFile(file));
  const baseHeaders = { 'Content-Security-Policy': options.csp, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  const failure = (status: number, text: string): Response =>
    new Response(text, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405, 'Method not allowed');
    const target = resolveAppFile(request.url, options.rootDir);
    if (!target.ok) return failure(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await readFile(target.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code !== undefined && NOT_FOUND_CODES.has(code) ? failure(404, 'Not found') : failure(500, 'Cannot read the file');
    }
    const headers = { ...baseHeaders, 'Content-Type': target.mimeType };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
