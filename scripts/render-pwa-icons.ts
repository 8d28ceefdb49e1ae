/**
 * Renders the PWA icons (renderer/public/icons/*.png) from the logo (renderer/public/icons/logo.svg)
 * with Debian's Chromium: the plain logo at 192 and 512 px, and on a full square (maskable: the
 * logo inside the middle 60 %, the platform crops the rest) at 512 px and 180 px (iOS home screen).
 * Run by hand after changing the logo: node scripts/render-pwa-icons.ts; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '../renderer/public/icons');
const svg = fs.readFileSync(path.join(dir, 'logo.svg'), 'utf8');
const BACKGROUND = '#0b1a2e';

const ICONS: Array<{ file: string; size: number; square: boolean }> = [
  { file: 'icon-192.png', size: 192, square: false },
  { file: 'icon-512.png', size: 512, square: false },
  { file: 'icon-maskable-512.png', size: 512, square: true },
  { file: 'apple-touch-icon.png', size: 180, square: true },
];

const browser = await chromium.launch({ executablePath: process.env.WARD_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inner = icon.square ? Math.round(icon.size * 0.6) : icon.size;
    const bg = icon.square ? BACKGROUND : 'transparent';
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${bg}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
    );
    await page.screenshot({ path: path.join(dir, icon.file), omitBackground: !icon.square });
    await page.close();
    process.stdout.write(`${icon.file} ${icon.size}x${icon.size}\n`);
  }
} finally {
  await browser.close();
}
