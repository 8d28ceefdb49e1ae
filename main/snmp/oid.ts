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

/**
 * Compares two numeric OIDs arc by arc: negative when `a` sorts before `b`. One pass over the
 * characters, nothing allocated (it runs for every varbind of every walk).
 */
export function compareOids(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  let i = 0;
  let j = 0;
  for (;;) {
    let x = 0;
    let y = 0;
    for (let c = a.charCodeAt(i); i < la && c !== 46 /* '.' */; c = a.charCodeAt(++i)) x = x * 10 + (c - 48);
    for (let c = b.charCodeAt(j); j < lb && c !== 46; c = b.charCodeAt(++j)) y = y * 10 + (c - 48);
    if (x !== y) return x - y;
    const endA = i >= la;
    const endB = j >= lb;
    if (endA || endB) return endA === endB ? 0 : endA ? -1 : 1;
    i++;
    j++;
  }
}

/** True when `text` is a dotted OID of at least two arcs, each 0..2^32-1 without leading zeros. */
export function isValidOidText(text: string): boolean {
  let arcs = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46 /* '.' */) {
      if (digits === 0 || value > 0xffff_ffff) return false;
      arcs++;
      digits = 0;
      value = 0;
    } else {
      if (c < 48 || c > 57 || (digits === 1 && value === 0) || ++digits > 10) return false;
      value = value * 10 + (c - 48);
    }
  }
  return arcs >= 2;
}

/** True when `oid` lies strictly below `root` ('1.3.6.1.2.1.1.1.0' is inside '1.3.6.1.2.1.1'). */
export function isInSubtree(root: string, oid: string): boolean {
  return oid.length > root.length && oid.startsWith(root) && oid.charCodeAt(root.length) === 46; /* '.' */
}

/** The arcs of `oid` after `root` ('1.3.6.1.2.1.2.2.1.2.7' under '1.3.6.1.2.1.2.2.1.2' -> '7'); '' when not below it. */
export function oidSuffix(root: string, oid: string): string {
  return isInSubtree(root, oid) ? oid.slice(root.length + 1) : '';
}
