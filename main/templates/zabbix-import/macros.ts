/**
 * User macros of a template (`{$CPU.UTIL.CRIT}` = 90) and their use in trigger thresholds and
 * discovery filters. A macro with context (`{$TEMP_CRIT:"CPU"}`) takes the value defined for that
 * context, else the plain macro's, as Zabbix does. Regex contexts are not resolved.
 */
export interface MacroResolver {
  /** Replaces every user macro in `text`; undefined (with the first missing macro) when one has no default here. */
  resolve(text: string): { ok: true; text: string } | { ok: false; missing: string };
}

// {$NAME}, {$NAME:"context"} (the context may hold an LLD macro: {$IF.IN.MAX:"{#IFNAME}"}), {$NAME:context}.
const MACRO = /\{\$([A-Z0-9_.]+)(?::"((?:[^"\\]|\\.)*)"|:([^}]*))?\}/g;

export function createMacroResolver(macros: readonly { macro: string; value?: string | null | undefined }[]): MacroResolver {
  const values = new Map<string, string>();
  for (const m of macros) values.set(m.macro.trim(), m.value ?? '');
  return {
    resolve(text) {
      let missing: string | undefined;
      const out = text.replace(MACRO, (whole, name: string, quoted: string | undefined, bare: string | undefined) => {
        const context = quoted ?? bare;
        // A per-row context ({#IFNAME}) takes the macro's plain default here: rows share one rule.
        const withContext = context !== undefined ? values.get(`{$${name}:"${context}"}`) ?? values.get(`{$${name}:${context}}`) : undefined;
        const v = withContext ?? values.get(`{$${name}}`);
        if (v === undefined || context?.startsWith('regex:')) {
          missing ??= whole;
          return whole;
        }
        return v;
      });
      return missing === undefined ? { ok: true, text: out } : { ok: false, missing };
    },
  };
}
