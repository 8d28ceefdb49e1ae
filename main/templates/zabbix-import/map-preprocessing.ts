/**
 * Zabbix preprocessing steps → our transforms. Mapped: MULTIPLIER (scale), CHANGE_PER_SECOND
 * (rate: the item becomes a counter), SIMPLE_CHANGE (delta). Dropped with a note, because every
 * poll is stored anyway or a missing object already gives no sample: DISCARD_UNCHANGED(_HEARTBEAT),
 * CHECK_NOT_SUPPORTED. Anything else (JavaScript, regular expressions, JSONPath, ...) makes the
 * item unmappable, with the step named.
 */
import type { Transform } from '../../api/templates.ts';
import type { MacroResolver } from './macros.ts';
import type { ZbxPreprocessingStep } from './zabbix-export.ts';

export type PreprocessingResult =
  | { ok: true; transforms: Transform[]; counter: 'rate' | 'delta' | undefined; notes: string[] }
  | { ok: false; reason: string };

const IGNORED: Record<string, string> = {
  DISCARD_UNCHANGED: 'discard unchanged: every poll is stored',
  DISCARD_UNCHANGED_HEARTBEAT: 'discard unchanged with heartbeat: every poll is stored',
  CHECK_NOT_SUPPORTED: 'check for not supported value: an object the agent lacks gives no sample',
};

/** Steps that only pick the value out of a walk (handled by the caller) are passed in `skip`. */
export function mapPreprocessing(steps: readonly ZbxPreprocessingStep[], macros: MacroResolver, skip: ReadonlySet<ZbxPreprocessingStep> = new Set()): PreprocessingResult {
  const transforms: Transform[] = [];
  const notes: string[] = [];
  let counter: 'rate' | 'delta' | undefined;
  for (const step of steps) {
    if (skip.has(step)) continue;
    const type = step.type.toUpperCase();
    if (type in IGNORED) {
      notes.push(IGNORED[type] as string);
      continue;
    }
    if (type === 'MULTIPLIER') {
      const resolved = macros.resolve(step.parameters?.[0] ?? '');
      const factor = resolved.ok ? Number(resolved.text) : NaN;
      if (!Number.isFinite(factor)) return { ok: false, reason: `MULTIPLIER by ${step.parameters?.[0] ?? '(nothing)'} is not a number` };
      transforms.push({ type: 'scale', factor });
      continue;
    }
    if (type === 'CHANGE_PER_SECOND' || type === 'SIMPLE_CHANGE') {
      if (counter !== undefined || transforms.length > 0) return { ok: false, reason: `${type} after another step cannot be mapped (a rate or change comes first here)` };
      counter = type === 'CHANGE_PER_SECOND' ? 'rate' : 'delta';
      transforms.push({ type: counter });
      continue;
    }
    return { ok: false, reason: `preprocessing ${type} cannot be mapped` };
  }
  if (transforms.length > 4) return { ok: false, reason: 'more than 4 preprocessing steps' };
  return { ok: true, transforms, counter, notes };
}
