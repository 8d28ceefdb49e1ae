import type { z } from 'zod';
import { checkKeys, type DerivedItem, type TableItem, type TemplateAlert, type TemplateBody, type TemplateItem } from '../api/templates.ts';
import { ValidationError } from '../errors.ts';

/** What resolving needs of a template: its own parts as written. */
export type TemplateParts = Pick<TemplateBody, 'includes' | 'items' | 'derived' | 'tables' | 'alerts'> & { id: string };

/** The parts of a template with its includes merged; `includedIds`: every template merged in, in order. */
export interface ResolvedParts {
  items: TemplateItem[];
  derived: DerivedItem[];
  tables: TableItem[];
  alerts: TemplateAlert[];
  includedIds: string[];
}

/**
 * Merges a template with the templates it includes: its own items, tables, derived items and
 * alerts first, then each include's (depth first, in order of `includes`). A key already taken is
 * skipped (the template's own item overrides the part's; a part included along two paths is merged
 * once). A missing template or a cycle is a ValidationError naming the chain, and the merged body
 * must pass the checks of a single template (unique keys across items and tables, derived items
 * and alerts naming known keys).
 */
export function resolveTemplate(id: string, lookup: (id: string) => TemplateParts | undefined): ResolvedParts {
  const out: ResolvedParts = { items: [], derived: [], tables: [], alerts: [], includedIds: [] };
  const keys = new Set<string>();
  const alertKeys = new Set<string>();
  const visited = new Set<string>();

  const add = <T extends { key: string }>(list: T[], into: T[], taken: Set<string>, extra: (t: T) => string[] = () => []) => {
    for (const x of list) {
      if (taken.has(x.key)) continue;
      into.push(x);
      taken.add(x.key);
      for (const k of extra(x)) taken.add(k);
    }
  };

  const visit = (tid: string, chain: string[]) => {
    if (chain.includes(tid)) throw new ValidationError(`Template includes form a cycle: ${[...chain, tid].join(' → ')}`, [{ path: 'includes', message: 'Cycle' }]);
    if (visited.has(tid)) return;
    const t = lookup(tid);
    if (!t) {
      const by = chain.at(-1);
      throw new ValidationError(by ? `Template ${by} includes ${tid}, which does not exist` : `No template with id ${tid}`, [{ path: 'includes', message: `Unknown template ${tid}` }]);
    }
    visited.add(tid);
    if (chain.length) out.includedIds.push(tid);
    // A table's column keys are taken with the table (a part's table is merged whole or not at all).
    const tableKeys = (tb: TableItem) => [...tb.columns.map((c) => c.key), ...tb.derived.map((d) => d.key)];
    const freshTables = t.tables.filter((tb) => !keys.has(tb.key) && !tableKeys(tb).some((k) => keys.has(k)));
    add(t.items, out.items, keys);
    add(freshTables, out.tables, keys, tableKeys);
    add(t.derived, out.derived, keys);
    add(t.alerts, out.alerts, alertKeys);
    for (const inc of t.includes) visit(inc, [...chain, tid]);
  };
  visit(id, []);

  const issues: string[] = [];
  const ctx = { addIssue: (i: { message?: string; path?: PropertyKey[] }) => void issues.push(`${(i.path ?? []).join('.')}: ${i.message ?? ''}`) } as unknown as z.RefinementCtx;
  checkKeys({ ...out, includes: [] }, ctx);
  if (issues.length) throw new ValidationError(`Template ${id} with its includes merged is invalid: ${issues.join('; ')}`, issues.map((m) => ({ path: 'includes', message: m })));
  return out;
}

/** Every template (id) that includes `id`, directly or through others. */
export function includersOf(id: string, all: readonly { id: string; includes: readonly string[] }[]): string[] {
  const found = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next: string[] = [];
    for (const t of all) {
      if (found.has(t.id) || t.id === id || !t.includes.some((i) => frontier.includes(i))) continue;
      found.add(t.id);
      next.push(t.id);
    }
    frontier = next;
  }
  return [...found];
}
