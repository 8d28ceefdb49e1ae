/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: every line must be
 * a HELP, a TYPE, a comment or a sample; names and label names must be valid, label values
 * properly escaped, a family's TYPE must come before its samples and appear once, a series may not
 * repeat, and a histogram's buckets must be cumulative with `le="+Inf"` equal to its `_count`.
 * Throws with the line number on the first violation.
 */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: PromSample[];
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(text: string, line: number): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a number`);
  return Number(text);
}

/** Reads `{a="x",b="y"}` from position `i` (at the `{`); returns the labels and the position after `}`. */
function parseLabels(s: string, i: number, line: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  i++;
  for (;;) {
    if (s[i] === '}') return [labels, i + 1];
    const eq = s.indexOf('=', i);
    if (eq < 0) throw new Error(`line ${line}: label without "="`);
    const name = s.slice(i, eq).trim();
    if (!LABEL.test(name)) throw new Error(`line ${line}: bad label name "${name}"`);
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    if (s[eq + 1] !== '"') throw new Error(`line ${line}: label ${name}'s value is not quoted`);
    let v = '';
    let j = eq + 2;
    for (;; j++) {
      const c = s[j];
      if (c === undefined) throw new Error(`line ${line}: unterminated label value`);
      if (c === '"') break;
      if (c === '\\') {
        const n = s[++j];
        if (n === 'n') v += '\n';
        else if (n === '\\' || n === '"') v += n;
        else throw new Error(`line ${line}: bad escape \\${n ?? ''}`);
      } else v += c;
    }
    labels[name] = v;
    i = j + 1;
    if (s[i] === ',') i++;
    else if (s[i] !== '}') throw new Error(`line ${line}: expected "," or "}" after label ${name}`);
  }
}

const familyOf = (sample: string, families: Map<string, PromFamily>): PromFamily | undefined => {
  const direct = families.get(sample);
  if (direct && direct.type !== 'histogram' && direct.type !== 'summary') return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const f = families.get(sample.slice(0, -suffix.length));
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return f;
  }
  return direct?.type === 'summary' ? direct : undefined;
};

export function parsePrometheusText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const seen = new Set<string>();
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition does not end with a newline');
  text.split('\n').forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) return; // a plain comment
      const [, kind, name = '', rest = ''] = m;
      if (!METRIC.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      const f = families.get(name) ?? { name, type: 'untyped' as const, help: '', samples: [] };
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type "${rest}"`);
        if (families.has(name) && (f.samples.length > 0 || f.type !== 'untyped')) throw new Error(`line ${line}: TYPE of ${name} after its samples or twice`);
        f.type = rest as PromFamily['type'];
      } else f.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      families.set(name, f);
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) throw new Error(`line ${line}: not a sample: ${raw.slice(0, 80)}`);
    const name = raw.slice(0, nameEnd);
    if (!METRIC.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
    let labels: Record<string, string> = {};
    let i = nameEnd;
    if (raw[i] === '{') [labels, i] = parseLabels(raw, i, line);
    if (raw[i] !== ' ') throw new Error(`line ${line}: expected a space before the value`);
    const parts = raw.slice(i + 1).trim().split(/\s+/);
    if (parts.length < 1 || parts.length > 2) throw new Error(`line ${line}: expected a value and an optional timestamp`);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`line ${line}: bad timestamp "${parts[1]}"`);
    const value = parseValue(parts[0] as string, line);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`line ${line}: series ${key} twice`);
    seen.add(key);
    let f = familyOf(name, families);
    if (!f) {
      if (families.has(name)) throw new Error(`line ${line}: ${name} does not fit its family's type`);
      f = { name, type: 'untyped', help: '', samples: [] };
      families.set(name, f);
    }
    f.samples.push({ name, labels, value });
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

function checkHistogram(f: PromFamily): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const g = groups.get(key) ?? { buckets: [] };
    groups.set(key, g);
    if (s.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${f.name}: a bucket without le`);
      g.buckets.push([le === '+Inf' ? Infinity : Number(le), s.value]);
    } else if (s.name.endsWith('_count')) g.count = s.value;
    else if (s.name.endsWith('_sum')) g.sum = s.value;
  }
  for (const [key, g] of groups) {
    const sorted = [...g.buckets].sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) throw new Error(`${f.name}${key}: no +Inf bucket`);
    for (let i = 1; i < sorted.length; i++) if ((sorted[i] as [number, number])[1] < (sorted[i - 1] as [number, number])[1]) throw new Error(`${f.name}${key}: buckets not cumulative`);
    if (g.count === undefined || g.sum === undefined) throw new Error(`${f.name}${key}: no _count or _sum`);
    if (sorted.at(-1)?.[1] !== g.count) throw new Error(`${f.name}${key}: +Inf bucket ${sorted.at(-1)?.[1]} != _count ${g.count}`);
  }
}

/** The value of one sample: by its name and the labels it must have (others may be present). */
export function promValue(families: Map<string, PromFamily>, family: string, sample: string, labels: Record<string, string> = {}): number | undefined {
  return families.get(family)?.samples.find((s) => s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
