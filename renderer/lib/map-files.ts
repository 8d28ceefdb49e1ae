/** Saving the map: a text file, the drawing on screen as a standalone SVG, and that SVG as PNG (rendered here, in the browser, on a canvas). */

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The map's SVG element as a file: the whole drawing (not the current pan and zoom), with the
 * page's colours written in (CSS variables do not travel with the file).
 */
export function standaloneSvg(svg: SVGSVGElement, bounds: { minX: number; minY: number; width: number; height: number }): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('viewBox', `${bounds.minX} ${bounds.minY} ${bounds.width} ${bounds.height}`);
  copy.setAttribute('width', String(Math.ceil(bounds.width)));
  copy.setAttribute('height', String(Math.ceil(bounds.height)));
  copy.querySelector('[data-viewport]')?.removeAttribute('transform');
  // Resolve the colours the stylesheet gives each element.
  const src = svg.querySelectorAll<SVGElement>('*');
  const dst = copy.querySelectorAll<SVGElement>('*');
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const d = dst[i];
    if (!d) return;
    for (const p of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-size', 'font-weight', 'font-family', 'opacity'] as const) {
      const v = cs.getPropertyValue(p);
      if (v) d.style.setProperty(p, v);
    }
  });
  const bg = getComputedStyle(svg).getPropertyValue('--map-bg') || getComputedStyle(document.body).backgroundColor;
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ x: bounds.minX, y: bounds.minY, width: bounds.width, height: bounds.height })) rect.setAttribute(k, String(v));
  rect.setAttribute('fill', bg.trim() || '#ffffff');
  copy.insertBefore(rect, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG text drawn on a canvas at `scale`, as a PNG blob. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  // A data: URL: the page's Content-Security-Policy allows images from 'self' and data: only (no blob:).
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the map could not be drawn as an image'));
      img.src = url;
    });
    const s = Math.min(scale, 8000 / width, 8000 / height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * s);
    canvas.height = Math.ceil(height * s);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
  }
}
