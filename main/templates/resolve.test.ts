import { describe, expect, it } from 'vitest';
import { TemplateBody } from '../api/templates.ts';
import { AppError } from '../errors.ts';
import { loadBuiltinTemplates } from './builtin.ts';
import { pickTemplate } from './pick.ts';
import { includersOf, resolveTemplate, type TemplateParts } from './resolve.ts';
import { computeDerived } from './table-rows.ts';

const item = (key: string, oid = '1.3.6.1.2.1.1.3.0') => ({ key, name: key, oid, mib: 'SNMPv2-MIB::sysUpTime', valueType: 'gauge' as const });
const part = (id: string, body: Record<string, unknown>): TemplateParts => ({ ...TemplateBody.parse({ name: id, ...body }), id });

function lookupOf(parts: TemplateParts[]) {
  const byId = new Map(parts.map((p) => [p.id, p]));
  return (id: string) => byId.get(id);
}

describe('includes', () => {
  const table = (key: string, col: string) => ({
    key,
    name: key,
    kind: 'generic',
    label: 'row',
    index: { oid: '1.3.6.1.2.1.2.2.1.1', mib: 'IF-MIB::ifIndex' },
    columns: [item(col, '1.3.6.1.2.1.2.2.1.8')],
  });

  it('merges own parts first, then each include depth first; a key taken is skipped; a diamond merges once', () => {
    const base = part('base', { items: [item('uptime_sec'), item('b_only')], alerts: [{ key: 'b', name: 'B', severity: 'minor', condition: { kind: 'threshold', metric: 'b_only', op: 'above', value: 1 } }] });
    const left = part('left', { includes: ['base'], items: [item('l_item')], tables: [table('rows', 'row_status')] });
    const right = part('right', { includes: ['base'], items: [item('uptime_sec', '1.3.6.1.2.1.25.1.1.0')] });
    const top = part('top', { includes: ['left', 'right'], items: [item('top_item')], tables: [table('rows', 'mine')] });
    const r = resolveTemplate('top', lookupOf([base, left, right, top]));
    expect(r.includedIds).toEqual(['left', 'base', 'right']);
    expect(r.items.map((i) => i.key)).toEqual(['top_item', 'l_item', 'uptime_sec', 'b_only']);
    // base's uptime (reached first, through left) wins over right's.
    expect(r.items.find((i) => i.key === 'uptime_sec')?.oid).toBe('1.3.6.1.2.1.1.3.0');
    // The template's own table of the same key overrides the part's, whole.
    expect(r.tables.map((t) => t.columns.map((c) => c.key))).toEqual([['mine']]);
    expect(r.alerts.map((a) => a.key)).toEqual(['b']);
  });

  it('refuses a cycle and a missing include, naming the chain', () => {
    const a = part('a', { includes: ['b'] });
    const b = part('b', { includes: ['c'] });
    const c = part('c', { includes: ['a'] });
    expect(() => resolveTemplate('a', lookupOf([a, b, c]))).toThrow('Template includes form a cycle: a → b → c → a');
    expect(() => resolveTemplate('a', lookupOf([a, b]))).toThrow('Template b includes c, which does not exist');
    const self = part('s', { includes: ['s'] });
    expect(() => resolveTemplate('s', lookupOf([self]))).toThrow('cycle: s → s');
  });

  it('checks the merged body: derived items and alerts may name an included key, not an unknown one', () => {
    const base = part('base', { items: [item('used'), item('total')] });
    const ok = TemplateBody.safeParse({ name: 'x', includes: ['base'], derived: [{ key: 'pct', name: 'P', percent: { part: ['used'], whole: ['total'] } }] });
    expect(ok.success).toBe(true);
    const good = part('good', { includes: ['base'], derived: [{ key: 'pct', name: 'P', percent: { part: ['used'], whole: ['total'] } }] });
    expect(resolveTemplate('good', lookupOf([base, good])).derived.map((d) => d.key)).toEqual(['pct']);
    const bad = part('bad', { includes: ['base'], alerts: [{ key: 'x', name: 'X', severity: 'major', condition: { kind: 'threshold', metric: 'nope', op: 'above', value: 1 } }] });
    expect(() => resolveTemplate('bad', lookupOf([base, bad]))).toThrow(/bad with its includes merged is invalid: alerts.0.condition.metric: Alert x watches nope/);
    // Without includes the check is made when the body is parsed.
    expect(TemplateBody.safeParse({ name: 'y', items: [item('a')], alerts: [{ key: 'x', name: 'X', severity: 'major', condition: { kind: 'threshold', metric: 'nope', op: 'above', value: 1 } }] }).success).toBe(false);
  });

  it('finds the templates that include one, directly or not', () => {
    const all = [
      { id: 'if-mib', includes: [] },
      { id: 'generic', includes: ['if-mib'] },
      { id: 'mine', includes: ['generic'] },
      { id: 'other', includes: [] },
    ];
    expect(includersOf('if-mib', all).sort()).toEqual(['generic', 'mine']);
  });

  it('a built-in template with a broken include stops the build, naming its file', () => {
    const sources = { a: { id: 'a', name: 'A', includes: ['b'] }, b: { id: 'b', name: 'B', includes: ['a'] } };
    expect(() => loadBuiltinTemplates(sources)).toThrow(AppError);
    expect(() => loadBuiltinTemplates(sources)).toThrow('Built-in template resources/templates/a.json: Template includes form a cycle: a → b → a');
  });

  it('old template bodies (no includes, alerts or identity rules) still parse, with empty defaults', () => {
    const t = TemplateBody.parse({ name: 'old', match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.9'], sysDescrPatterns: [], priority: 3 }, items: [item('uptime_sec')] });
    expect(t).toMatchObject({ includes: [], alerts: [], match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.9'], priority: 3 } });
    expect(t.match.osFamilies).toBeUndefined();
  });
});

describe('derived onlyWhen', () => {
  it('gives no value (not 0) while the gate item has another value or none', () => {
    const d = { key: 'util', name: 'U', percent: { part: ['in'], whole: ['speed'], invert: false }, onlyWhen: { key: 'oper', values: [1] } };
    expect(computeDerived(d, new Map([['in', 50], ['speed', 100], ['oper', 1]]))).toBe(50);
    expect(computeDerived(d, new Map([['in', 0], ['speed', 100], ['oper', 2]]))).toBeUndefined();
    expect(computeDerived(d, new Map([['in', 0], ['speed', 100]]))).toBeUndefined();
    expect(computeDerived(d, new Map([['in', 0], ['speed', 0], ['oper', 1]]))).toBeUndefined();
  });
});

describe('matching on the classifier identity', () => {
  const cand = (id: string, match: Record<string, unknown>) => ({ id, name: id, match: TemplateBody.parse({ name: id, match }).match });
  const templates = [
    cand('generic', { sysObjectIdPrefixes: ['1.3.6.1'] }),
    cand('linux', { sysDescrPatterns: ['^Linux\\b'], priority: 10 }),
    cand('synology', { osFamilies: ['dsm'], vendors: ['Synology'], priority: 10 }),
    cand('ups', { types: ['ups'], priority: 5 }),
    cand('apc', { vendors: ['APC'], priority: 5 }),
    cand('a-ups', { types: ['ups'], priority: 5 }),
  ];

  it('an OS family beats a sysDescr pattern of the same priority, and says why', () => {
    const r = pickTemplate(templates, '1.3.6.1.4.1.8072.3.2.10', 'Linux nas 4.4.302+ #72806 SMP x86_64', 'generic', { osFamily: 'dsm', os: 'DSM', vendor: 'Synology', type: 'nas' });
    expect(r).toMatchObject({ templateId: 'synology', reason: "the classifier's OS family is dsm and the vendor is Synology" });
    expect(r.alternatives.map((a) => a.templateId)).toEqual(['linux', 'generic']);
  });

  it('type and vendor, compared without case; at equal priority a vendor template beats a type template', () => {
    expect(pickTemplate(templates, '1.3.6.1.4.1.318.1.3.27', '', 'generic', { vendor: 'apc', type: 'ups' })).toMatchObject({ templateId: 'apc', reason: 'the vendor is APC' });
    expect(pickTemplate(templates, '1.3.6.1.4.1.534.1', '', 'generic', { vendor: 'Eaton', type: 'ups' })).toMatchObject({ templateId: 'a-ups', reason: 'the device type is ups' });
    // Without the identity, as before.
    expect(pickTemplate(templates, '1.3.6.1.4.1.534.1', '', 'generic').templateId).toBe('generic');
  });
});
