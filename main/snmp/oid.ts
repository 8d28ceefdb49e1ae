/** Numeric OID helpers: dotted strings without a leading dot ('1.3.6.1.2.1.1.1.0'). */

const NUMERIC = /^\.?\d+(\.\d+)*$/;

/** True when `text` is a numeric OID (a leading dot allowed). */
export function isNumericOid(text: string): boolean {
  return NUMERIC.test(text);
}

/** Strips a leading dot: '.1.3.6' -> '1.3.6'. */
export function normalizeOid(oid: string): string {
  return oid.startsWith('.') ? oid.slice(1) : oid;
}

/** Compares two numeric OIDs arc by arc: negative when `a` sorts before `b`. */
export function compareOids(a: string, b: string): number {
  if (a === b) return 0;
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

/** True when `oid` lies strictly below `root` ('1.3.6.1.2.1.1.1.0' is inside '1.3.6.1.2.1.1'). */
export function isInSubtree(root: string, oid: string): boolean {
  return oid.length > root.length && oid.startsWith(root) && oid.charCodeAt(root.length) === 46; /* '.' */
}

/** The arcs of `oid` after `root` ('1.3.6.1.2.1.2.2.1.2.7' under '1.3.6.1.2.1.2.2.1.2' -> '7'); '' when not below it. */
export function oidSuffix(root: string, oid: string): string {
  return isInSubtree(root, oid) ? oid.slice(root.length + 1) : '';
}
