/** Alert rules in SQLite, validated against the metric catalog and the device/template tables. */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { type Rule, RuleCreateInput, type RuleUpdateInput } from '../api/alerts.ts';
import { fieldIssues } from '../api/field-issues.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { type Db, isUniqueViolation } from '../store/database.ts';
import type { MetricCatalog } from './metric-catalog.ts';

interface RuleRow {
  id: string;
  name: string;
  description: string;
  enabled: number;
  severity: Rule['severity'];
  scope: string;
  condition: string;
  flap: string;
  builtin: number;
  created_at: number;
  updated_at: number;
}

const toRule = (r: RuleRow): Rule => ({
  id: r.id,
  name: r.name,
  description: r.description,
  enabled: r.enabled === 1,
  severity: r.severity,
  scope: JSON.parse(r.scope) as Rule['scope'],
  condition: JSON.parse(r.condition) as Rule['condition'],
  flap: JSON.parse(r.flap) as Rule['flap'],
  builtin: r.builtin === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type RuleInput = z.output<typeof RuleCreateInput>;

/** `deviceExists`: the devices area's lookup (a rule's scope may name a device). */
export function createRulesRepo(db: Db, clock: Clock, catalog: MetricCatalog, deviceExists: (id: string) => boolean) {
  function row(id: string): RuleRow {
    const r = db.prepare<[string], RuleRow>('SELECT * FROM alert_rules WHERE id = ?').get(id);
    if (!r) throw new NotFoundError(`No alert rule with id ${id}; it may have been deleted.`);
    return r;
  }

  /** What zod cannot know: the metric exists, the device or template of the scope exists. */
  function check(input: RuleInput): void {
    const c = input.condition;
    if (c.kind !== 'availability' && !catalog.has(c.metric)) {
      const near = catalog.suggest(c.metric);
      const hint = near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ' See alerts.metrics for the names WARD FLUX knows.';
      throw new ValidationError(`Unknown metric "${c.metric}": no monitor writes it and the metrics store has no series of that name.${hint}`, [
        { path: 'condition.metric', message: `Unknown metric "${c.metric}"` },
      ]);
    }
    const s = input.scope;
    if (s.type === 'device' && !deviceExists(s.deviceId)) {
      throw new ValidationError(`The rule's scope names device ${s.deviceId}, which does not exist.`, [{ path: 'scope.deviceId', message: 'No such device' }]);
    }
  }

  function save(rule: RuleInput & { id: string }, isNew: boolean): Rule {
    check(rule);
    const params = {
      id: rule.id,
      name: rule.name,
      description: rule.description,
      enabled: rule.enabled ? 1 : 0,
      severity: rule.severity,
      scope: JSON.stringify(rule.scope),
      condition: JSON.stringify(rule.condition),
      flap: JSON.stringify(rule.flap),
      now: clock.now(),
    };
    try {
      if (isNew) {
        db.prepare(
          `INSERT INTO alert_rules (id, name, description, enabled, severity, scope, condition, flap, builtin, created_at, updated_at)
           VALUES (@id, @name, @description, @enabled, @severity, @scope, @condition, @flap, 0, @now, @now)`,
        ).run(params);
      } else {
        db.prepare(
          `UPDATE alert_rules SET name = @name, description = @description, enabled = @enabled, severity = @severity, scope = @scope,
             condition = @condition, flap = @flap, updated_at = @now WHERE id = @id`,
        ).run(params);
      }
    } catch (err) {
      if (isUniqueViolation(err, 'alert_rules.name')) throw new ConflictError(`An alert rule named "${rule.name}" already exists.`, [{ path: 'name', message: 'Name already in use' }]);
      throw err;
    }
    return toRule(row(rule.id));
  }

  return {
    list: (): Rule[] => db.prepare<[], RuleRow>('SELECT * FROM alert_rules ORDER BY name COLLATE NOCASE').all().map(toRule),
    get: (id: string): Rule => toRule(row(id)),
    create: (input: RuleInput): Rule => save({ ...input, id: crypto.randomUUID() }, true),
    update(input: z.output<typeof RuleUpdateInput>): Rule {
      const current = toRule(row(input.id));
      const changes = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'id'));
      const { id: _id, builtin: _b, createdAt: _c, updatedAt: _u, ...rest } = { ...current, ...changes };
      const parsed = RuleCreateInput.safeParse(rest);
      if (!parsed.success) {
        const issues = fieldIssues(parsed.error);
        throw new ValidationError(`Invalid rule: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
      }
      return save({ ...parsed.data, id: input.id }, false);
    },
    delete(id: string): void {
      row(id);
      db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id);
    },
  };
}

export type RulesRepo = ReturnType<typeof createRulesRepo>;
