/**
 * A small, tolerant reader of the OID assignments in SMIv1/SMIv2 MIB modules: enough to place
 * every named node of a set of MIB files on the OID tree, not a MIB compiler (no types, no
 * syntax checks, no MACRO semantics). Used by scripts/generate-product-oids.ts.
 *
 * What it reads, per module (`NAME DEFINITIONS ::= BEGIN ... END`):
 * - IMPORTS: which module each imported descriptor comes from (used to resolve parents);
 * - value assignments whose value is an OID: `name OBJECT IDENTIFIER ::= { parent 3 }` and
 *   `name MACRO-NAME ... ::= { parent 3 }` for MODULE-IDENTITY, OBJECT-IDENTITY, OBJECT-TYPE,
 *   NOTIFICATION-TYPE and the conformance macros; values with several components
 *   (`{ parent 3 1 }`, `{ iso org(3) dod(6) 1 }`: a named component `dod(6)` defines `dod` too);
 * - for each assignment, its DESCRIPTION (first string) and the comment on the line of its
 *   closing brace (`... ::= { ciscoProducts 716 } -- Catalyst 2960 ...`).
 * Comments (`--` to the end of the line or to the next `--`) never hide code; strings may span
 * lines; MACRO definitions (`X MACRO ::= BEGIN ... END`, in the SMI modules) are skipped.
 *
 * Resolution (resolveMibs): a parent descriptor is looked up in the assignment's own module,
 * then in the module it is imported from, then in ROOTS (iso ... enterprises), then in any
 * module that defines it (the first one read). Assignments whose chain ends in an unknown
 * descriptor are returned as unresolved, with the descriptor that is missing.
 */

export type MibKind = 'object-identifier' | 'module-identity' | 'object-identity' | 'object-type' | 'notification-type' | 'conformance';

export interface MibAssignment {
  name: string;
  kind: MibKind;
  /** The first component of the value: a descriptor, or null when the value starts with a number. */
  parent: string | null;
  /** The numbers after the parent (`{ parent 3 1 }` → [3, 1]; `{ 1 3 6 }` → [1, 3, 6] with parent null). */
  subids: number[];
  /** DESCRIPTION's text, whitespace collapsed, or null. */
  description: string | null;
  /** The comment after the closing brace on its line, trimmed, or null. */
  comment: string | null;
}

export interface MibModule {
  name: string;
  /** descriptor → module it is imported from */
  imports: Map<string, string>;
  assignments: MibAssignment[];
}

/** The standard roots (RFC 1155 / SNMPv2-SMI), so the tree resolves without the SMI modules. */
export const ROOTS: Readonly<Record<string, string>> = {
  ccitt: '0',
  iso: '1',
  'joint-iso-ccitt': '2',
  org: '1.3',
  dod: '1.3.6',
  internet: '1.3.6.1',
  directory: '1.3.6.1.1',
  mgmt: '1.3.6.1.2',
  'mib-2': '1.3.6.1.2.1',
  transmission: '1.3.6.1.2.1.10',
  experimental: '1.3.6.1.3',
  private: '1.3.6.1.4',
  enterprises: '1.3.6.1.4.1',
  security: '1.3.6.1.5',
  snmpV2: '1.3.6.1.6',
  snmpDomains: '1.3.6.1.6.1',
  snmpProxys: '1.3.6.1.6.2',
  snmpModules: '1.3.6.1.6.3',
  zeroDotZero: '0.0',
};

const MACROS: Readonly<Record<string, MibKind>> = {
  'MODULE-IDENTITY': 'module-identity',
  'OBJECT-IDENTITY': 'object-identity',
  'OBJECT-TYPE': 'object-type',
  'NOTIFICATION-TYPE': 'notification-type',
  'OBJECT-GROUP': 'conformance',
  'NOTIFICATION-GROUP': 'conformance',
  'MODULE-COMPLIANCE': 'conformance',
  'AGENT-CAPABILITIES': 'conformance',
};

type Token = { t: 'word' | 'num' | 'punct' | 'string'; v: string; line: number } | { t: 'comment'; v: string; line: number };

/** Splits MIB text into words, numbers, punctuation, strings and comments (with their line). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      // A comment ends at the end of the line or at the next "--".
      let j = i + 2;
      while (j < n && text[j] !== '\n' && !(text[j] === '-' && text[j + 1] === '-')) j++;
      out.push({ t: 'comment', v: text.slice(i + 2, j), line });
      i = j < n && text[j] === '-' ? j + 2 : j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j++;
      const v = text.slice(i + 1, j);
      out.push({ t: 'string', v, line });
      for (const ch of v) if (ch === '\n') line++;
      i = j + 1;
    } else if (c === ':' && text.startsWith('::=', i)) {
      out.push({ t: 'punct', v: '::=', line });
      i += 3;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i + 1;
      // Descriptors: letters, digits, hyphens (not a trailing "--", which starts a comment), underscores.
      while (j < n && /[A-Za-z0-9_-]/.test(text[j]!) && !(text[j] === '-' && text[j + 1] === '-')) j++;
      out.push({ t: 'word', v: text.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(text[j]!)) j++;
      out.push({ t: 'num', v: text.slice(i, j), line });
      i = j;
    } else if (c === "'") {
      // Binary/hex strings ('0A'H): skip to the closing quote and its radix letter.
      let j = i + 1;
      while (j < n && text[j] !== "'" && text[j] !== '\n') j++;
      i = j + 2;
    } else {
      out.push({ t: 'punct', v: c, line });
      i++;
    }
  }
  return out;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
// Descriptors start lowercase; some vendor MIBs start one uppercase (`Sophos OBJECT IDENTIFIER`): any word
// that is not an all-capitals keyword (SYNTAX, OBJECT, ...) may name an assignment.
const isDescriptor = (w: string): boolean => /[a-z]/.test(w);

/** Reads the modules of one MIB file (a file may hold several). */
export function parseMib(text: string): MibModule[] {
  const all = tokenize(text);
  const toks = all.filter((t) => t.t !== 'comment');
  // Comments by line, to find the one after an assignment's closing brace.
  const commentAt = new Map<number, string>();
  for (const t of all) if (t.t === 'comment' && !commentAt.has(t.line)) commentAt.set(t.line, t.v);
  // The last code token of each line: a comment belongs to an assignment only when nothing follows its brace.
  const lastCode = new Map<number, number>();
  toks.forEach((t, k) => lastCode.set(t.line, k));

  const modules: MibModule[] = [];
  let mod: MibModule | null = null;
  let pending: { name: string; kind: MibKind; description: string | null } | null = null;
  let k = 0;
  const at = (j: number): string | undefined => toks[j]?.v;
  while (k < toks.length) {
    const tok = toks[k]!;
    const v = tok.v;
    if (tok.t === 'word' && at(k + 1) === 'DEFINITIONS') {
      // NAME DEFINITIONS [tags] ::= BEGIN
      let j = k + 2;
      while (j < toks.length && at(j) !== '::=' && j < k + 8) j++;
      if (at(j) === '::=' && at(j + 1) === 'BEGIN') {
        mod = { name: v, imports: new Map(), assignments: [] };
        modules.push(mod);
        pending = null;
        k = j + 2;
        continue;
      }
    }
    if (!mod) {
      k++;
      continue;
    }
    if (tok.t === 'word' && v === 'END' && pending === null) {
      mod = null;
      k++;
      continue;
    }
    if (tok.t === 'word' && v === 'IMPORTS') {
      let names: string[] = [];
      let j = k + 1;
      while (j < toks.length && at(j) !== ';') {
        const w = toks[j]!;
        if (w.t === 'word' && w.v === 'FROM' && toks[j + 1]?.t === 'word') {
          for (const d of names) mod.imports.set(d, toks[j + 1]!.v);
          names = [];
          j += 2;
          continue;
        }
        if (w.t === 'word') names.push(w.v);
        j++;
      }
      k = j + 1;
      continue;
    }
    if (tok.t === 'word' && at(k + 1) === 'MACRO' && at(k + 2) === '::=') {
      // A macro definition (SMI modules): skip to its END.
      let j = k + 3;
      while (j < toks.length && at(j) !== 'END') j++;
      k = j + 1;
      continue;
    }
    if (tok.t === 'word' && isDescriptor(v)) {
      if (at(k + 1) === 'OBJECT' && at(k + 2) === 'IDENTIFIER' && at(k + 3) === '::=') {
        pending = { name: v, kind: 'object-identifier', description: null };
        k += 3;
        continue;
      }
      const kind = MACROS[at(k + 1) ?? ''];
      if (kind) {
        pending = { name: v, kind, description: null };
        k += 2;
        continue;
      }
    }
    if (pending && tok.t === 'word' && v === 'DESCRIPTION' && toks[k + 1]?.t === 'string') {
      pending.description ??= oneLine(toks[k + 1]!.v) || null;
      k += 2;
      continue;
    }
    if (v === '::=' && tok.t === 'punct') {
      if (pending && at(k + 1) === '{') {
        const parsed = readOidValue(toks, k + 2);
        if (parsed) {
          const closing = toks[parsed.end]!;
          const trailing = lastCode.get(closing.line) === parsed.end ? commentAt.get(closing.line) : undefined;
          // A named component (`dod(6)`) defines that name too.
          for (const d of parsed.defines) mod.assignments.push({ name: d.name, kind: 'object-identifier', parent: d.parent, subids: d.subids, description: null, comment: null });
          mod.assignments.push({
            name: pending.name,
            kind: pending.kind,
            parent: parsed.parent,
            subids: parsed.subids,
            description: pending.description,
            comment: trailing !== undefined ? oneLine(trailing) || null : null,
          });
          pending = null;
          k = parsed.end + 1;
          continue;
        }
      }
      pending = null;
    }
    k++;
  }
  return modules;
}

interface OidValue {
  parent: string | null;
  subids: number[];
  /** Names given to components on the way: `{ iso org(3) dod(6) 1 }` defines org and dod. */
  defines: { name: string; parent: string | null; subids: number[] }[];
  /** Index of the closing brace. */
  end: number;
}

/** Reads an OID value's components from just after `{` to the matching `}`; null if it is not one. */
function readOidValue(toks: Token[], start: number): OidValue | null {
  let parent: string | null = null;
  let subids: number[] = [];
  const defines: OidValue['defines'] = [];
  let j = start;
  let first = true;
  while (j < toks.length && toks[j]!.v !== '}') {
    const t = toks[j]!;
    if (t.t === 'num') {
      subids.push(Number(t.v));
      j++;
    } else if (t.t === 'word' && toks[j + 1]?.v === '(' && toks[j + 2]?.t === 'num' && toks[j + 3]?.v === ')') {
      // name(n): a component with its number; the name is defined at this point of the path.
      const num = Number(toks[j + 2]!.v);
      if (first) {
        // At the root: iso(1) names a root we already know.
        parent = ROOTS[t.v] !== undefined ? t.v : null;
        subids = parent ? [] : [num];
      } else {
        subids.push(num);
        defines.push({ name: t.v, parent, subids: [...subids] });
      }
      j += 4;
    } else if (t.t === 'word' && first) {
      parent = t.v;
      j++;
    } else {
      return null;
    }
    first = false;
  }
  if (j >= toks.length || (parent === null && subids.length === 0)) return null;
  return { parent, subids, defines, end: j };
}

export interface ResolvedNode {
  oid: string;
  module: string;
  assignment: MibAssignment;
}

export interface Resolution {
  /** Every resolved assignment, in reading order (a descriptor defined twice in one module: the first). */
  nodes: ResolvedNode[];
  /** Assignments whose parent chain does not reach a known root, with the descriptor that is missing. */
  unresolved: { module: string; name: string; missing: string }[];
  /** The OID a descriptor has in a module: its own, imported from a module read, or a root; else null. */
  oidOf(module: string, name: string): string | null;
}

/** Places every assignment of the modules on the OID tree (see the header for the lookup order). */
export function resolveMibs(modules: readonly MibModule[]): Resolution {
  // Module name → descriptor → assignment; a module read twice (copies in two folders) merges, first wins.
  const byModule = new Map<string, { imports: Map<string, string>; defs: Map<string, MibAssignment> }>();
  const anywhere = new Map<string, string>(); // descriptor → first module defining it
  for (const m of modules) {
    let entry = byModule.get(m.name);
    if (!entry) byModule.set(m.name, (entry = { imports: new Map(m.imports), defs: new Map() }));
    else for (const [d, from] of m.imports) if (!entry.imports.has(d)) entry.imports.set(d, from);
    for (const a of m.assignments) {
      if (!entry.defs.has(a.name)) entry.defs.set(a.name, a);
      if (!anywhere.has(a.name)) anywhere.set(a.name, m.name);
    }
  }
  const memo = new Map<string, string | { missing: string }>(); // "module\0name" → oid
  const resolving = new Set<string>();

  function lookup(module: string, name: string): string | { missing: string } {
    const own = byModule.get(module);
    if (own?.defs.has(name)) return resolveIn(module, name);
    const from = own?.imports.get(name);
    if (from && byModule.get(from)?.defs.has(name)) return resolveIn(from, name);
    if (ROOTS[name] !== undefined) return ROOTS[name];
    const other = anywhere.get(name);
    if (other !== undefined) return resolveIn(other, name);
    return { missing: name };
  }

  function resolveIn(module: string, name: string): string | { missing: string } {
    const key = `${module}\0${name}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (resolving.has(key)) return { missing: name }; // a cycle: treat as unknown
    resolving.add(key);
    const a = byModule.get(module)!.defs.get(name)!;
    let result: string | { missing: string };
    if (a.parent === null) result = a.subids.join('.');
    else {
      const base = lookup(module, a.parent);
      result = typeof base === 'string' ? [base, ...a.subids].join('.') : base;
    }
    resolving.delete(key);
    memo.set(key, result);
    return result;
  }

  const nodes: ResolvedNode[] = [];
  const unresolved: Resolution['unresolved'] = [];
  for (const [module, { defs }] of byModule) {
    for (const [name, assignment] of defs) {
      const r = resolveIn(module, name);
      if (typeof r === 'string') nodes.push({ oid: r, module, assignment });
      else unresolved.push({ module, name, missing: r.missing });
    }
  }
  const oidOf = (module: string, name: string): string | null => {
    const own = byModule.get(module);
    const from = own?.defs.has(name) ? module : own?.imports.get(name);
    if (from !== undefined && byModule.get(from)?.defs.has(name)) {
      const r = resolveIn(from, name);
      return typeof r === 'string' ? r : null;
    }
    return ROOTS[name] ?? null;
  };
  return { nodes, unresolved, oidOf };
}
