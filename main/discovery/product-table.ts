/**
 * The shipped sysObjectID → product table (resources/classification/product-oids.json), written
 * by scripts/generate-product-oids.ts from vendors' product-registration MIBs and read by
 * product-registry.ts.
 *
 * Format: `products` groups entries by their parent OID; within a group the key is the last arc
 * and the value is [descriptor, index into `modules`, short description?]. One group per line, so
 * a MIB update changes only the groups it touches.
 */

export interface ProductTableAbout {
  /** What the table is and where it came from, in a sentence. */
  source: string;
  repository: string;
  commit: string;
  /** How entries were chosen (the generator's rule, in short). */
  rule: string;
  /** MIB modules parsed to place names on the tree (all of them, for parent resolution). */
  modulesParsed: number;
  counts: {
    entries: number;
    groups: number;
    withDescription: number;
    /** Entries per enterprise number (the arc after 1.3.6.1.4.1). */
    byEnterprise: Record<string, number>;
  };
  /** Files of the snapshot that could not be read: Git LFS pointers, objects absent from the snapshot. */
  skipped: { lfsPointers: string[]; absent: string[] };
}

/** [descriptor, module index, description] */
export type ProductEntry = [string, number] | [string, number, string];

export interface ProductTableFile {
  _about: ProductTableAbout;
  /** The registration modules entries came from (an entry's second element indexes this). */
  modules: string[];
  /** parent OID → last arc → entry */
  products: Record<string, Record<string, ProductEntry>>;
}

/** Counts the file's entries as the `_about` counts them (the consistency test and the generator share it). */
export function countProductTable(file: Pick<ProductTableFile, 'products'>): ProductTableAbout['counts'] {
  let entries = 0;
  let withDescription = 0;
  const byEnterprise: Record<string, number> = {};
  const groups = Object.keys(file.products);
  for (const group of groups) {
    const enterprise = group.split('.')[6] ?? '';
    for (const [arc, entry] of Object.entries(file.products[group]!)) {
      entries++;
      if (entry.length === 3) withDescription++;
      // A group that is the enterprise itself (1.3.6.1.4.1.N's children): the arc is below it.
      const pen = enterprise || arc;
      byEnterprise[pen] = (byEnterprise[pen] ?? 0) + 1;
    }
  }
  return { entries, groups: groups.length, withDescription, byEnterprise };
}
