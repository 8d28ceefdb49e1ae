/**
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts, no
 * external resources (a meta CSP forbids them), so it opens offline and prints cleanly (table
 * headers repeat on every printed page, rows do not split).
 */
import { formatCell, formatPeriod, formatTime } from './format.ts';
import { escapeXml, renderChartSvg } from './render-svg.ts';
import type { ReportDocument, Section, Table } from './types.ts';

/** The CSP of a report: inline styles and inline SVG, nothing else (no scripts, no fetches). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const esc = escapeXml;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2937; background: #fff; }
.report { max-width: 1100px; margin: 0 auto; padding: 32px 28px 48px; }
.cover { border-bottom: 3px solid #1e3a8a; padding-bottom: 16px; margin-bottom: 24px; }
.brand { font-size: 12px; letter-spacing: .12em; text-transform: uppercase; color: #1e3a8a; font-weight: 700; }
h1 { font-size: 28px; margin: 6px 0 12px; color: #111827; }
h2 { font-size: 18px; margin: 28px 0 10px; color: #1e3a8a; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
.meta dt { color: #6b7280; }
.meta dd { margin: 0; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 14px; padding: 0; list-style: none; }
.kpis li { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 14px; min-width: 140px; background: #f9fafb; }
.kpis .v { display: block; font-size: 20px; font-weight: 600; color: #111827; }
.kpis .l { font-size: 12px; color: #6b7280; }
figure { margin: 8px 0 16px; }
figcaption { font-size: 12px; color: #6b7280; margin-bottom: 4px; }
figure svg { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
th { background: #eef2ff; color: #1e3a8a; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafafa; }
.empty { color: #6b7280; font-style: italic; }
footer { margin-top: 32px; font-size: 11px; color: #9ca3af; }
@media print {
  .report { padding: 0; max-width: none; }
  thead { display: table-header-group; }
  tr, figure, .kpis li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

const NUMERIC = new Set(['int', 'number', 'pct', 'ms', 'duration', 'bps']);

function renderTable(t: Table): string {
  if (t.rows.length === 0) return `<p class="empty">${esc(t.empty)}</p>`;
  const head = t.columns.map((c) => `<th scope="col"${NUMERIC.has(c.format ?? '') ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${t.columns.map((c) => `<td${NUMERIC.has(c.format ?? '') ? ' class="num"' : ''}>${esc(formatCell(r[c.key] ?? null, c.format))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="table-wrap"><table><caption>${esc(t.title)} (${t.rows.length})</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function renderSection(s: Section): string {
  const parts = [`<section><h2>${esc(s.heading)}</h2>`];
  if (s.text) parts.push(`<p>${esc(s.text)}</p>`);
  if (s.kpis?.length) parts.push(`<ul class="kpis">${s.kpis.map((k) => `<li><span class="v">${esc(k.value)}</span><span class="l">${esc(k.label)}</span></li>`).join('')}</ul>`);
  if (s.chart) parts.push(`<figure><figcaption>${esc(s.chart.title)}</figcaption>${renderChartSvg(s.chart, 760)}</figure>`);
  if (s.table) parts.push(renderTable(s.table));
  parts.push('</section>');
  return parts.join('\n');
}

export function renderHtml(doc: ReportDocument): string {
  const site = doc.site;
  const meta: Array<[string, string]> = [
    ['Site', site.name],
    ...(site.customer ? [['Customer', site.customer] as [string, string]] : []),
    ...(site.address ? [['Address', site.address] as [string, string]] : []),
    ['Technician', site.technician || '—'],
    ['Period', formatPeriod(doc.from, doc.to)],
    ['Generated', formatTime(doc.generatedAt)],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)} — ${esc(site.name)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="report">
<header class="cover">
<div class="brand">WARD FLUX</div>
<h1>${esc(doc.title)}</h1>
<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
</header>
${doc.sections.map(renderSection).join('\n')}
<footer>Generated by WARD FLUX on ${esc(formatTime(doc.generatedAt))}. Times are in UTC.</footer>
</main>
</body>
</html>
`;
}
