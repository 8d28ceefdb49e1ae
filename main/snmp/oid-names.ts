/**
 * Names to numeric OIDs and back, from the built-in table in mib2.ts: `sysDescr`, `sysDescr.0`,
 * `SNMPv2-MIB::sysDescr.0`, `IF-MIB::ifDescr.3`, `.1.3.6.1.2.1.1.1.0` and `1.3.6.1.2.1.1.1.0`.
 */
import { ValidationError } from '../errors.ts';
import { MIB_OBJECTS, type MibObject } from './mib2.ts';
import { isNumericOid, normalizeOid } from './oid.ts';

const BY_NAME = new Map<string, MibObject>(MIB_OBJECTS.map((m) => [m.name.toLowerCase(), m]));
const BY_OID = new Map<string, MibObject>(MIB_OBJECTS.map((m) => [m.oid, m]));

const NAMED = /^(?:([A-Za-z][\w-]*)::)?([A-Za-z][\w-]*)((?:\.\d+)*)$/;

export interface ResolveOptions {
  /**
   * Add `.0` to a bare scalar name (`sysDescr` -> `...1.1.0`): what a GET wants. Leave it off
   * for walks, which find the instance themselves.
   */
  scalarInstance?: boolean;
}

/** The MIB object a name refers to, or undefined. Case-insensitive, MIB prefix ignored. */
export function lookupMibName(name: string): MibObject | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/**
 * Resolves a numeric OID or a known name (with optional `MIB::` prefix and `.index` suffix) to a
 * numeric OID without a leading dot. Throws ValidationError for an unknown name.
 */
export function resolveOid(text: string, options: ResolveOptions = {}): string {
  const t = text.trim();
  if (isNumericOid(t)) return normalizeOid(t);
  const m = NAMED.exec(t);
  const obj = m ? lookupMibName(m[2] ?? '') : undefined;
  if (!m || !obj) {
    throw new ValidationError(`Unknown OID "${text}": give a numeric OID (.1.3.6.1...) or a known MIB-II name such as sysDescr, ifTable, IF-MIB::ifDescr.`);
  }
  const suffix = m[3] ?? '';
  if (suffix) return obj.oid + suffix;
  return options.scalarInstance && obj.kind === 'scalar' ? `${obj.oid}.0` : obj.oid;
}

/**
 * The longest known name for a numeric OID: `1.3.6.1.2.1.2.2.1.2.7` -> `IF-MIB::ifDescr.7`;
 * the numeric OID itself when nothing in the table matches.
 */
export function oidToName(oid: string): string {
  const arcs = normalizeOid(oid).split('.');
  for (let n = arcs.length; n > 0; n--) {
    const obj = BY_OID.get(arcs.slice(0, n).join('.'));
    if (obj) {
      const rest = arcs.slice(n).join('.');
      return `${obj.module}::${obj.name}${rest ? `.${rest}` : ''}`;
    }
  }
  return normalizeOid(oid);
}
