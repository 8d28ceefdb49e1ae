/**
 * The report as a PDF a customer can receive (pdfmake, server side, its bundled Roboto):
 * a title page (site, customer, technician, period), then the sections: key figures, charts
 * (the same SVG as the HTML report) and tables whose header row repeats on every page and whose
 * rows never split across pages; headings never sit alone at the bottom of a page. Wide tables
 * switch the document to landscape. pdfmake is loaded on first use (it is big).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, ContentTable, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces.js';
import { coverRows, formatCell, formatPeriod } from './format.ts';
import { renderChartSvg } from './render-svg.ts';
import type { ReportDocument, Section, Table } from './types.ts';

const NUMERIC = new Set(['int', 'number', 'pct', 'ms', 'duration', 'bps']);
const ACCENT = '#1e3a8a';
const MUTED = '#6b7280';

interface PdfMake {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let loaded: Promise<PdfMake> | undefined;

/** pdfmake with its Roboto fonts, no network access, and file access to those fonts only. */
function loadPdfMake(): Promise<PdfMake> {
  loaded ??= (async () => {
    const mod = (await import('pdfmake')) as unknown as { default: PdfMake };
    const pdf = mod.default;
    const require = createRequire(import.meta.url);
    const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    pdf.setFonts({
      Roboto: {
        normal: path.join(fontDir, 'Roboto-Regular.ttf'),
        bold: path.join(fontDir, 'Roboto-Medium.ttf'),
        italics: path.join(fontDir, 'Roboto-Italic.ttf'),
        bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdf.setUrlAccessPolicy(() => false);
    pdf.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir + path.sep));
    return pdf;
  })();
  return loaded;
}

/** Sections whose table prints this few lines never split across pages: heading, caption, header and rows move on together. */
const KEEP_TOGETHER_ROWS = 6;
/** A two-up table prints two rows to a line from this many rows on (fewer look odd side by side). */
const TWO_UP_MIN_ROWS = 8;

function tableContent(t: Table, fontSize: number): Content {
  if (t.rows.length === 0) return { text: t.empty, italics: true, color: MUTED, margin: [0, 2, 0, 10] };
  const numeric = (c: Table['columns'][number]) => NUMERIC.has(c.format ?? '');
  const headerOf = (): TableCell[] => t.columns.map((c) => ({ text: c.label, style: 'th', alignment: numeric(c) ? 'right' : 'left' }));
  const cellsOf = (r: Table['rows'][number]): TableCell[] =>
    t.columns.map((c): TableCell => ({ text: formatCell(r[c.key] ?? null, c.format), alignment: numeric(c) ? 'right' : 'left', noWrap: c.format === 'time' || numeric(c) }));
  // pdfmake gives every '*' column at least the widest minimum of them all (one MAC address widens
  // twelve columns): a table this wide sizes each column by its own content instead, shrunk to fit.
  const fitted = t.columns.length > 12;
  const widthOf = (c: Table['columns'][number]) => (fitted || numeric(c) || c.format === 'time' ? 'auto' : '*');
  // Two-up: rows 1 and 2 on the first line, 3 and 4 on the next..., a gap column between the halves.
  const twoUp = t.list === true && t.rows.length >= TWO_UP_MIN_ROWS;
  const gap = t.columns.length;
  const blank = (): TableCell[] => t.columns.map(() => ({ text: '' }));
  const body: TableCell[][] = twoUp
    ? [
        [...headerOf(), { text: '' }, ...headerOf()],
        ...Array.from({ length: Math.ceil(t.rows.length / 2) }, (_, i) => [...cellsOf(t.rows[2 * i]!), { text: '' }, ...(t.rows[2 * i + 1] ? cellsOf(t.rows[2 * i + 1]!) : blank())]),
      ]
    : [headerOf(), ...t.rows.map(cellsOf)];
  const widths = twoUp ? [...t.columns.map(widthOf), 14, ...t.columns.map(widthOf)] : t.columns.map(widthOf);
  const table: ContentTable = {
    table: { headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1, widths, body },
    layout: {
      hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i <= 1 ? ACCENT : '#d1d5db'),
      fillColor: (row: number, _node: ContentTable, col: number) => (twoUp && col === gap ? '#ffffff' : row === 0 ? '#eef2ff' : row % 2 === 0 ? '#f9fafb' : null),
      paddingTop: () => 3,
      paddingBottom: () => 3,
      paddingLeft: () => 4,
      paddingRight: () => 4,
    },
    fontSize,
    margin: [0, 4, 0, 12],
  };
  return [{ text: `${t.title} (${t.rows.length})`, style: 'caption' }, table];
}

/** Lines a table prints (two-up tables print half as many). */
function printedRows(t: Table): number {
  return t.list === true && t.rows.length >= TWO_UP_MIN_ROWS ? Math.ceil(t.rows.length / 2) : t.rows.length;
}

function sectionContent(s: Section, width: number, fontSize: number): Content[] {
  const out: Content[] = [{ text: s.heading, style: 'h2', headlineLevel: 1 }];
  if (s.text) out.push({ text: s.text, margin: [0, 0, 0, 8] });
  if (s.kpis?.length) {
    out.push({
      table: {
        widths: s.kpis.map(() => '*'),
        body: [s.kpis.map((k) => ({ stack: [{ text: k.value, fontSize: 16, bold: true, color: '#111827' }, { text: k.label, fontSize: 8, color: MUTED }], margin: [6, 5, 6, 5] }))],
      },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#e5e7eb', vLineColor: () => '#e5e7eb', fillColor: () => '#f9fafb' },
      margin: [0, 2, 0, 10],
      unbreakable: true,
    });
  }
  if (s.chart) {
    out.push({
      stack: [
        { text: s.chart.title, fontSize: 9, color: MUTED, margin: [0, 0, 0, 3] },
        // A drawing (the site map) fits the width and a landscape page's height (an unbreakable block taller than a page is dropped); charts take the width.
        s.chart.kind === 'svg' ? { svg: s.chart.svg, fit: [width, 400] } : { svg: renderChartSvg(s.chart, width), width },
      ],
      unbreakable: true,
      margin: [0, 0, 0, 12],
    });
  }
  if (s.table) out.push(tableContent(s.table, fontSize));
  // A short section (a heading, a line, a small table) never splits: it moves to the next page whole.
  if ((!s.chart || s.chart.kind === 'svg') && (!s.table || printedRows(s.table) <= KEEP_TOGETHER_ROWS)) return [{ stack: [{ text: s.heading, style: 'h2' }, ...out.slice(1)], unbreakable: true }];
  return out;
}

/** The document definition (exported for tests: layout decisions without rendering). */
export function pdfDefinition(doc: ReportDocument): TDocumentDefinitions {
  const wide = doc.sections.some((s) => (s.table?.columns.length ?? 0) > 7);
  const landscape = wide;
  const pageWidth = landscape ? 841.89 : 595.28;
  const margin = 40;
  const contentWidth = pageWidth - 2 * margin;
  const fontSize = wide ? 7.5 : 8.5;
  const site = doc.site;
  const metaRows = coverRows(doc);
  const cover: Content[] = [
    { canvas: [{ type: 'rect', x: 0, y: 0, w: contentWidth, h: 6, color: ACCENT }], margin: [0, landscape ? 60 : 140, 0, 18] },
    { text: 'WARD FLUX', fontSize: 11, bold: true, color: ACCENT, characterSpacing: 2 },
    { text: doc.title, fontSize: 30, bold: true, color: '#111827', margin: [0, 6, 0, 4] },
    { text: site.name, fontSize: 16, color: '#374151', margin: [0, 0, 0, 28] },
    {
      table: { widths: [90, '*'], body: metaRows.map(([k, v]) => [{ text: k, color: MUTED }, { text: v }]) },
      layout: 'noBorders',
      fontSize: 11,
    },
    { text: 'Times are in UTC.', fontSize: 8, color: MUTED, margin: [0, 24, 0, 0], pageBreak: 'after' },
  ];
  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [margin, 48, margin, 48],
    info: { title: `${doc.title} — ${site.name}`, author: site.technician || 'WARD FLUX', creator: 'WARD FLUX', producer: 'WARD FLUX' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: '#1f2937' },
    styles: {
      h2: { fontSize: 14, bold: true, color: ACCENT, margin: [0, 10, 0, 6] },
      caption: { fontSize: 9, bold: true, color: '#374151', margin: [0, 2, 0, 0] },
      th: { bold: true, color: ACCENT },
    },
    header: (page: number) =>
      page === 1 ? null : { columns: [{ text: `${doc.title} — ${site.name}`, color: MUTED, fontSize: 8 }, { text: formatPeriod(doc.from, doc.to), alignment: 'right', color: MUTED, fontSize: 8 }], margin: [margin, 20, margin, 0] },
    footer: (page: number, pages: number) =>
      page === 1 ? null : { columns: [{ text: 'WARD FLUX', color: MUTED, fontSize: 8 }, { text: `Page ${page} of ${pages}`, alignment: 'right', color: MUTED, fontSize: 8 }], margin: [margin, 16, margin, 0] },
    // A heading never ends a page, nor starts in its last fifth (it would carry a line or two of
    // its table): move it to the next one with what follows.
    pageBreakBefore: (node, nodes) => node.headlineLevel === 1 && (nodes.getFollowingNodesOnPage().length === 0 || node.startPosition.verticalRatio > 0.8),
    content: [...cover, ...doc.sections.flatMap((s) => sectionContent(s, contentWidth, fontSize))],
  };
}

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = await loadPdfMake();
  return pdf.createPdf(pdfDefinition(doc)).getBuffer();
}
