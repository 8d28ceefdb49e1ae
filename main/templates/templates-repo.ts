import crypto from 'node:crypto';
import type { z } from 'zod';
import { type Template, TemplateBody, type TemplateSummary } from '../api/templates.ts';
import { AppError, ConflictError, NotFoundError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { type Db, isUniqueViolation } from '../store/database.ts';
import type { BuiltinTemplate } from './builtin.ts';
import { includersOf, resolveTemplate } from './resolve.ts';

interface TemplateRow {
  id: string;
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

type Body = z.output<typeof TemplateBody>;

function readOnly(id: string): AppError {
  return new AppError('forbidden', `Template ${id} is built in and read-only: duplicate it to make an editable copy.`);
}

/** Built-in templates (from resources/) and user templates (from the database), one id space. */
export function createTemplatesRepo(db: Db, clock: Clock, builtins: readonly BuiltinTemplate[]) {
  const builtinById = new Map(builtins.map((t) => [t.id, t]));
  const all = db.prepare<[], TemplateRow>('SELECT * FROM templates ORDER BY name COLLATE NOCASE');
  const byId = db.prepare<[string], TemplateRow>('SELECT * FROM templates WHERE id = ?');
  const insert = db.prepare('INSERT INTO templates (id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE templates SET name = ?, definition = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM templates WHERE id = ?');
  const usage = db.prepare<[], { template_id: string; n: number }>('SELECT template_id, count(*) AS n FROM device_templates GROUP BY template_id');
  const usageOf = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM device_templates WHERE template_id = ?');

  function fromRow(row: TemplateRow): Template {
    const body = TemplateBody.parse(JSON.parse(row.definition));
    return { ...body, id: row.id, builtIn: false, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  function fromBuiltin(t: BuiltinTemplate): Template {
    return { ...t, builtIn: true, createdAt: null, updatedAt: null };
  }

  function find(id: string): Template | undefined {
    const b = builtinById.get(id);
    if (b) return fromBuiltin(b);
    const row = byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  function get(id: string): Template {
    const t = find(id);
    if (!t) throw new NotFoundError(`No template with id ${id}; it may have been deleted.`);
    return t;
  }

  /** The template with its includes merged (what is applied to devices and polled); `includes` stays as written. */
  function resolved(id: string): Template {
    const t = get(id);
    if (t.includes.length === 0) return t;
    const parts = resolveTemplate(id, find);
    return { ...t, items: parts.items, derived: parts.derived, tables: parts.tables, alerts: parts.alerts };
  }

  /** A body about to be stored under `id`: its includes exist, form no cycle and merge cleanly. */
  function checkIncludes(id: string, body: Body): void {
    if (body.includes.length === 0) return;
    resolveTemplate(id, (tid) => (tid === id ? { ...body, id } : find(tid)));
  }

  function checkName(name: string): void {
    for (const b of builtinById.values()) {
      if (b.name.toLowerCase() === name.toLowerCase()) {
        throw new ConflictError(`"${name}" is the name of a built-in template; choose another.`, [{ path: 'name', message: 'Name already in use' }]);
      }
    }
  }

  function stored(body: Body): string {
    const { id: _id, ...rest } = body;
    return JSON.stringify(rest);
  }

  function write(fn: () => void, name: string): void {
    try {
      fn();
    } catch (err) {
      if (isUniqueViolation(err, 'templates.name')) throw new ConflictError(`A template named "${name}" already exists.`, [{ path: 'name', message: 'Name already in use' }]);
      if (isUniqueViolation(err, 'templates.id')) throw new ConflictError(`A template with id ${name} already exists.`, [{ path: 'id', message: 'Id already in use' }]);
      throw err;
    }
  }

  function all_(): Template[] {
    return [...[...builtinById.values()].map(fromBuiltin), ...all.all().map(fromRow)];
  }

  return {
    get,
    find,
    resolved,
    all: all_,
    /** Templates that include `id` (directly or not): their devices poll its items too. */
    includersOf: (id: string): string[] => includersOf(id, all_()),

    list(): z.infer<typeof TemplateSummary>[] {
      const counts = new Map(usage.all().map((r) => [r.template_id, r.n]));
      return all_().map((t0) => {
        let t = t0;
        try {
          t = resolved(t0.id);
        } catch {
          // A user template whose include was changed since: listed as written; applying it says why.
        }
        return {
          id: t.id,
          name: t.name,
          description: t.description,
          ...(t.vendor !== undefined ? { vendor: t.vendor } : {}),
          builtIn: t.builtIn,
          match: t.match,
          includes: t.includes,
          itemCount: t.items.length + t.derived.length,
          tableCount: t.tables.length,
          alertCount: t.alerts.length,
          deviceCount: counts.get(t.id) ?? 0,
        };
      });
    },

    create(body: Body): Template {
      const id = body.id ?? crypto.randomUUID();
      if (builtinById.has(id)) throw new ConflictError(`Template id ${id} belongs to a built-in template.`, [{ path: 'id', message: 'Id already in use' }]);
      checkName(body.name);
      checkIncludes(id, body);
      const now = clock.now();
      write(() => insert.run(id, body.name, stored(body), now, now), body.name);
      return get(id);
    },

    update(id: string, body: Body): Template {
      if (builtinById.has(id)) throw readOnly(id);
      get(id);
      checkName(body.name);
      checkIncludes(id, body);
      write(() => update.run(body.name, stored(body), clock.now(), id), body.name);
      return get(id);
    },

    delete(id: string): void {
      if (builtinById.has(id)) throw readOnly(id);
      get(id);
      const n = usageOf.get(id)?.n ?? 0;
      if (n > 0) throw new ConflictError(`Template ${id} is applied to ${n} device(s); remove it from them first.`);
      const users = all_().filter((t) => t.includes.includes(id)).map((t) => t.id);
      if (users.length) throw new ConflictError(`Template ${id} is included by ${users.join(', ')}; remove it from their includes first.`);
      remove.run(id);
    },

    duplicate(id: string, name?: string): Template {
      const source = get(id);
      const taken = new Set(all_().map((t) => t.name.toLowerCase()));
      let copyName = name ?? `${source.name} (copy)`;
      for (let i = 2; !name && taken.has(copyName.toLowerCase()); i++) copyName = `${source.name} (copy ${i})`;
      const { id: _id, builtIn: _b, createdAt: _c, updatedAt: _u, ...body } = source;
      return this.create({ ...body, name: copyName.slice(0, 128) });
    },
  };
}

export type TemplatesRepo = ReturnType<typeof createTemplatesRepo>;
