/**
 * PDF reports rendered to PNG with poppler's pdftoppm: every page must carry ink (far from a
 * blank page's byte size and pixel variance), the title page included. Needs poppler-utils.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/reports/builders.ts';
import { renderPdf } from '../../main/reports/render-pdf.ts';
import { alertsSnapshot, availabilitySnapshot, discoveryDiffSnapshot, interfacesSnapshot, inventorySnapshot } from '../../main/reports/test-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const out = tempDir('wardflux-pdf-');
afterAll(() => {
  // WARD_KEEP_PDF_PNG=1 keeps the pages to look at.
  if (process.env.WARD_KEEP_PDF_PNG !== '1') out.cleanup();
});

/** Mean and standard deviation of a PGM's grey levels (pdftoppm -gray). */
function greyStats(file: string): { mean: number; sd: number } {
  const buf = fs.readFileSync(file);
  // P5\n<w> <h>\n255\n<pixels>
  const header = buf.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error(`not a PGM: ${file}`);
  const pixels = buf.subarray(header[0].length);
  let sum = 0;
  let sq = 0;
  for (const p of pixels) {
    sum += p;
    sq += p * p;
  }
  const mean = sum / pixels.length;
  return { mean, sd: Math.sqrt(sq / pixels.length - mean * mean) };
}

function rasterize(pdf: string, prefix: string, format: '-png' | '-gray'): string[] {
  execFileSync('pdftoppm', ['-r', '60', format, pdf, path.join(out.dir, prefix)]);
  return fs
    .readdirSync(out.dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(format === '-png' ? '.png' : '.pgm'))
    .sort()
    .map((f) => path.join(out.dir, f));
}

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPdftoppm)('PDF reports rendered with pdftoppm', () => {
  const cases = [
    ['inventory', inventorySnapshot(80)],
    ['availability', availabilitySnapshot(40)],
    ['alerts', alertsSnapshot(120)],
    ['interfaces', interfacesSnapshot(40, 25)],
    ['discovery-diff', discoveryDiffSnapshot()],
  ] as const;

  for (const [name, snapshot] of cases) {
    it(`${name}: every page has content`, async () => {
      const pdf = await renderPdf(buildReport(snapshot));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(out.dir, `${name}.pdf`);
      fs.writeFileSync(file, pdf);
      const pngs = rasterize(file, name, '-png');
      expect(pngs.length).toBeGreaterThanOrEqual(name === 'discovery-diff' ? 2 : 3);
      const pages = rasterize(file, `${name}-g`, '-gray');
      expect(pages.length).toBe(pngs.length);
      for (const page of pages) {
        const { mean, sd } = greyStats(page);
        // A blank page is all 255 (sd 0); a page with a heading and a table has visible ink.
        expect(mean, page).toBeLessThan(254.5);
        expect(sd, page).toBeGreaterThan(8);
      }
      for (const png of pngs) expect(fs.statSync(png).size, png).toBeGreaterThan(3000);
    });
  }
});
