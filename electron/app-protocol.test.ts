import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, mimeTypeFor, resolveAppFile } from './app-protocol.ts';

const CSP = "default-src 'self'; connect-src 'self'";
const SECRET = 'root:x:0:0:the secret outside the renderer directory';

let tmp: { dir: string; cleanup: () => void };
let rootDir: string;
let secretFile: string;
let handler: (request: Request) => Promise<Response>;
const reads: string[] = [];

beforeAll(() => {
  tmp = tempDir('wardflux-app-protocol-');
  rootDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(path.join(rootDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rootDir, 'index.html'), '<!doctype html><title>WARD FLUX</title>');
  fs.writeFileSync(path.join(rootDir, 'assets', 'index-abc.js'), 'console.log("app")');
  fs.writeFileSync(path.join(rootDir, 'assets', 'index-abc.css'), 'body{}');
  // Files a traversal would reach: beside the renderer directory, and in a sibling whose name starts the same.
  secretFile = path.join(tmp.dir, 'secret.txt');
  fs.writeFileSync(secretFile, SECRET);
  fs.mkdirSync(path.join(tmp.dir, 'renderer-evil'));
  fs.writeFileSync(path.join(tmp.dir, 'renderer-evil', 'x.js'), SECRET);
  handler = createAppProtocolHandler({
    rootDir,
    csp: CSP,
    readFile: (file) => {
      reads.push(file);
      return fs.promises.readFile(file);
    },
  });
});

afterAll(() => tmp.cleanup());

async function get(url: string, method = 'GET'): Promise<{ status: number; type: string | null; csp: string | null; body: string }> {
  const res = await handler(new Request(url, { method }));
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: await res.text() };
}

describe('app:// handler', () => {
  it('serves index.html for / and for the bare origin, with the CSP and nosniff headers', async () => {
    for (const url of ['app://wardflux/', 'app://wardflux', 'app://wardflux/index.html']) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>WARD FLUX</title>');
    }
  });

  it('serves bundle files with their MIME types, ignoring the query and fragment', async () => {
    const js = await get('app://wardflux/assets/index-abc.js?v=3#top');
    expect(js).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log("app")' });
    const css = await get('app://wardflux/assets/index-abc.css');
    expect(css).toMatchObject({ status: 200, type: 'text/css; charset=utf-8', body: 'body{}' });
  });

  it.each([
    ['dot segments (normalised by the URL parser to a path inside the root)', 'app://wardflux/../../secret.txt'],
    ['encoded dot segments', 'app://wardflux/%2e%2e/%2e%2e/secret.txt'],
    ['an encoded slash after ..', 'app://wardflux/..%2fsecret.txt'],
    ['fully encoded ../', 'app://wardflux/%2e%2e%2fsecret.txt'],
    ['upper-case escapes', 'app://wardflux/assets/%2E%2E%2F%2E%2E%2Fsecret.txt'],
    ['a backslash', 'app://wardflux/..%5csecret.txt'],
    ['a sibling directory with the same prefix', 'app://wardflux/..%2frenderer-evil%2fx.js'],
    ['/etc/passwd through dot segments', 'app://wardflux/../../etc/passwd'],
  ])('refuses a path traversal: %s', async (_name, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
    expect(res.csp).toBe(CSP);
  });

  it('treats an absolute path as relative to the renderer directory, never as a file system path', async () => {
    for (const url of [`app://wardflux/${encodeURIComponent(secretFile)}`, `app://wardflux/${secretFile}`, 'app://wardflux//etc/passwd']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.body).not.toContain(SECRET);
    }
  });

  it('never reads a file outside the renderer directory', async () => {
    reads.length = 0;
    await get('app://wardflux/..%2fsecret.txt');
    await get(`app://wardflux/${encodeURIComponent(secretFile)}`);
    await get('app://wardflux/..%2frenderer-evil%2fx.js');
    for (const file of reads) expect(path.relative(rootDir, file).startsWith('..')).toBe(false);
  });

  it.each([
    ['another host', 'app://other/index.html'],
    ['a host that extends ours', 'app://wardflux.evil/index.html'],
    ['a port', 'app://wardflux:8080/index.html'],
    ['another scheme', 'http://wardflux/index.html'],
    ['file://', 'file:///opt/wardflux/out/renderer/index.html'],
  ])('refuses %s', async (_name, url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('refuses a URL with user info (which Chromium would not hand over as a Request anyway)', () => {
    expect(resolveAppFile('app://x@wardflux/index.html', rootDir)).toEqual({ ok: false });
    expect(resolveAppFile('app://wardflux:pw@wardflux/index.html', rootDir)).toEqual({ ok: false });
  });

  it('answers 404 for a missing file, a directory, a malformed escape or a NUL byte', async () => {
    for (const url of ['app://wardflux/nope.js', 'app://wardflux/assets', 'app://wardflux/assets/', 'app://wardflux/%E0%A4%A', 'app://wardflux/index.html%00.js']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://wardflux/index.html', 'HEAD');
    expect(head).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '' });
    expect((await get('app://wardflux/index.html', 'POST')).status).toBe(405);
  });

  it('answers 500 (not the error text) when the file cannot be read', async () => {
    const failing = createAppProtocolHandler({
      rootDir,
      csp: CSP,
      readFile: () => Promise.reject(Object.assign(new Error(`EACCES: ${secretFile}`), { code: 'EACCES' })),
    });
    const res = await failing(new Request('app://wardflux/index.html'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(secretFile);
  });
});

describe('resolveAppFile on Windows paths', () => {
  const root = 'C:\\Program Files\\WARD FLUX\\resources\\app.asar\\out\\renderer';

  it('resolves a bundle file inside the root', () => {
    expect(resolveAppFile('app://wardflux/assets/index.js', root, path.win32)).toEqual({ ok: true, file: `${root}\\assets\\index.js`, mimeType: 'text/javascript; charset=utf-8' });
  });

  it.each([
    ['backslash dot segments', 'app://wardflux/..%5c..%5c..%5cwin.ini'],
    ['a drive path', 'app://wardflux/C:%5CWindows%5Cwin.ini'],
    ['another drive', 'app://wardflux/D:/secrets.txt'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppFile(url, root, path.win32)).toEqual({ ok: false });
  });

  it('keeps a UNC-looking path inside the root', () => {
    const target = resolveAppFile('app://wardflux/%5c%5cserver%5cshare%5cx', root, path.win32);
    expect(target).toEqual({ ok: true, file: `${root}\\server\\share\\x`, mimeType: 'application/octet-stream' });
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['A.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['README', 'application/octet-stream'],
    ['a.exe', 'application/octet-stream'],
  ])('%s -> %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('scheme privileges', () => {
  it('is a standard, secure origin with fetch, without CSP bypass, CORS exemption or service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});
