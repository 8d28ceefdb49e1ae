import { create } from 'zustand';
import type { InputOf, OutputOf } from '../../main/api/contract.ts';
import type { FieldIssue } from '../../main/api/result.ts';
import type { Template } from '../../main/api/templates.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';

export type TemplateSummary = OutputOf<'templates.list'>[number];
export type TemplateBodyInput = InputOf<'templates.create'>;

/** A failed save: the engine's message, and its validation issues with paths relative to the template body. */
export interface TemplateSaveProblem {
  message: string;
  issues: FieldIssue[];
}

export type TemplateSaveOutcome = { ok: true; template: Template } | { ok: false; problem: TemplateSaveProblem };

interface TemplatesState {
  items: TemplateSummary[];
  loaded: boolean;
  error?: string;
  load(): Promise<void>;
  get(id: string): Promise<{ ok: true; template: Template } | { ok: false; message: string }>;
  create(body: TemplateBodyInput): Promise<TemplateSaveOutcome>;
  update(id: string, body: TemplateBodyInput): Promise<TemplateSaveOutcome>;
  duplicate(id: string, name?: string): Promise<{ ok: true; template: Template } | { ok: false; message: string }>;
  remove(id: string): Promise<string | undefined>;
  /** A Zabbix export's text → its report (the list reloads when something was stored). */
  importZabbix(content: string): Promise<{ ok: true; report: OutputOf<'templates.import'> } | { ok: false; message: string }>;
  /** Polls a template once against a device (stored credentials). */
  test(input: InputOf<'templates.test'>): Promise<{ ok: true; result: OutputOf<'templates.test'> } | { ok: false; message: string }>;
}

const order = (a: TemplateSummary, b: TemplateSummary): number => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name);

/** templates.update nests the body under `template`: its issues are shown relative to the body the user edits. */
function toProblem(error: { message: string; issues?: FieldIssue[] }, prefix?: string): TemplateSaveProblem {
  const issues = (error.issues ?? []).map((i) => (prefix && (i.path === prefix || i.path.startsWith(`${prefix}.`)) ? { ...i, path: i.path.slice(prefix.length + 1) } : i));
  return { message: error.message, issues };
}

/** Monitoring templates, summarised: built-ins (read-only) first, then the user's. */
export const useTemplatesStore = create<TemplatesState>()((set, get) => ({
  items: [],
  loaded: false,
  async load() {
    const r = await client.call('templates.list', {});
    if (r.ok) set({ items: [...r.data].sort(order), loaded: true, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async get(id) {
    const r = await client.call('templates.get', { id });
    return r.ok ? { ok: true, template: r.data } : { ok: false, message: describeError(r.error) };
  },
  async create(body) {
    const r = await client.call('templates.create', body);
    if (!r.ok) return { ok: false, problem: r.error.code === 'validation' ? toProblem(r.error) : { message: describeError(r.error), issues: [] } };
    await get().load();
    return { ok: true, template: r.data };
  },
  async update(id, body) {
    const r = await client.call('templates.update', { id, template: body });
    if (!r.ok) return { ok: false, problem: r.error.code === 'validation' ? toProblem(r.error, 'template') : { message: describeError(r.error), issues: [] } };
    await get().load();
    return { ok: true, template: r.data };
  },
  async duplicate(id, name) {
    const r = await client.call('templates.duplicate', { id, ...(name ? { name } : {}) });
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    await get().load();
    return { ok: true, template: r.data };
  },
  async remove(id) {
    const r = await client.call('templates.delete', { id });
    if (!r.ok) return describeError(r.error);
    set({ items: get().items.filter((t) => t.id !== id) });
    return undefined;
  },
  async importZabbix(content) {
    const r = await client.call('templates.import', { content });
    if (!r.ok) return { ok: false, message: describeError(r.error) };
    if (r.data.templates.some((t) => t.stored)) await get().load();
    return { ok: true, report: r.data };
  },
  async test(input) {
    const r = await client.call('templates.test', input);
    return r.ok ? { ok: true, result: r.data } : { ok: false, message: describeError(r.error) };
  },
}));
