/**
 * A map SVG as PNG, server side, through Debian's Chromium in headless mode (the CLI's `-o
 * map.png`; the Map page renders its PNG in the browser instead). Chromium gets a throwaway
 * profile, no network services, and a file:// page holding only the SVG; its screenshot is the
 * PNG. Not bundled: without Chromium the caller is told to export SVG.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError, ValidationError } from '../errors.ts';

const run = promisify(execFile);

/** Largest side of the PNG in pixels (Chromium's screenshots stop near 16k). */
const MAX_SIDE = 8000;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const p of [env.WARD_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (p && fs.existsSync(p)) return p;
  return null;
}

/** The SVG's own width and height attributes (pixels). */
function sizeOf(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  const h = /<svg[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  return { width: Number(w ?? 800), height: Number(h ?? 600) };
}

export async function renderPng(svg: string, options: { chromium?: string | null; scale?: number; timeoutMs?: number } = {}): Promise<Buffer> {
  const chromium = options.chromium === undefined ? findChromium() : options.chromium;
  if (!chromium) throw new ValidationError('PNG export needs Chromium (apt-get install chromium, or WARD_CHROMIUM=/path/to/chrome); export .svg instead');
  const size = sizeOf(svg);
  const fit = Math.min(options.scale ?? 2, MAX_SIDE / size.width, MAX_SIDE / size.height);
  const width = Math.max(1, Math.ceil(size.width * fit));
  const height = Math.max(1, Math.ceil(size.height * fit));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wardflux-png-'));
  try {
    const page = path.join(dir, 'map.html');
    const scaled = svg.replace(/<svg([^>]*?)\swidth="[^"]*"\s+height="[^"]*"/, `<svg$1 width="${width}" height="${height}"`);
    fs.writeFileSync(page, `<!doctype html><html><head><style>html,body{margin:0;overflow:hidden}</style></head><body>${scaled}</body></html>`);
    const out = path.join(dir, 'map.png');
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--window-size=${width},${height}`,
      `--screenshot=${out}`,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      `file://${page}`,
    ];
    try {
      await run(chromium, args, { timeout: options.timeoutMs ?? 60_000 });
    } catch (err) {
      if (!fs.existsSync(out)) throw new AppError('internal', `Chromium could not render the PNG: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!fs.existsSync(out)) throw new AppError('internal', 'Chromium wrote no PNG');
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
