import { ValidationError } from '../errors.ts';

/** Labels of a series: `device` (device id), `interface`, `item`, `storage`, `cpu`, ... */
export type Labels = Record<string, string>;

export const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:]{0,127}$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;
export const MAX_LABELS = 16;
export const MAX_LABEL_VALUE = 256;

/**
 * The one spelling of a label set: keys sorted, empty values dropped, serialised as JSON. Two
 * label objects that mean the same series always give the same string (the unique key in SQLite).
 */
export function canonicalLabels(labels: Labels): string {
  const keys = Object.keys(labels)
    .filter((k) => labels[k] !== '' && labels[k] !== undefined)
    .sort();
  const out: Labels = {};
  for (const k of keys) out[k] = labels[k] as string;
  return JSON.stringify(out);
}

/** Throws a ValidationError when a metric name or label set cannot be stored. */
export function checkSeriesKey(name: string, labels: Labels): void {
  if (!METRIC_NAME.test(name)) throw new ValidationError(`Invalid metric name "${name.slice(0, 140)}": letters, digits, _ . : only`);
  const keys = Object.keys(labels);
  if (keys.length > MAX_LABELS) throw new ValidationError(`Metric ${name} has ${keys.length} labels; at most ${MAX_LABELS}`);
  for (const k of keys) {
    if (!LABEL_NAME.test(k)) throw new ValidationError(`Invalid label name "${k.slice(0, 70)}" on metric ${name}`);
    const v = labels[k];
    if (typeof v !== 'string') throw new ValidationError(`Label ${k} of metric ${name} must be a string`);
    if (v.length > MAX_LABEL_VALUE) throw new ValidationError(`Label ${k} of metric ${name} is longer than ${MAX_LABEL_VALUE} characters`);
  }
}

/** The key under which a series is cached in memory. */
export function seriesKey(name: string, canonical: string): string {
  return `${name}\u0000${canonical}`;
}
