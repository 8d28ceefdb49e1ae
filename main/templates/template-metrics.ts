import type { Template } from '../api/templates.ts';

export interface TemplateMetric {
  /** The metric name (the item's key). */
  name: string;
  unit: string;
  /** The item's name ("Battery charge"). */
  description: string;
  /** A state item's state names (value → name). */
  states?: Record<string, string> | undefined;
}

/** The metrics a template writes: its scalar items, table columns and derived items (first definition of a key wins). */
export function templateMetrics(templates: readonly Pick<Template, 'items' | 'derived' | 'tables'>[]): TemplateMetric[] {
  const out = new Map<string, TemplateMetric>();
  const add = (x: { key: string; name: string; unit?: string | undefined; states?: Record<string, string> | undefined }) => {
    if (!out.has(x.key)) out.set(x.key, { name: x.key, unit: x.unit ?? '', description: x.name, ...(x.states ? { states: x.states } : {}) });
  };
  for (const t of templates) {
    t.items.forEach(add);
    t.derived.forEach(add);
    for (const tb of t.tables) {
      tb.columns.forEach(add);
      tb.derived.forEach(add);
    }
  }
  return [...out.values()];
}

/** What the alerts area installs when a (resolved) template is applied: its alerts and its metrics' words. */
export function templateAlertsOf(t: Template) {
  const metrics = new Map(templateMetrics([t]).map((m) => [m.name, { name: m.description, unit: m.unit || undefined, states: m.states }]));
  return { id: t.id, name: t.name, alerts: t.alerts, metrics };
}
