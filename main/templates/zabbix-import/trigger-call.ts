/** One function call of a Zabbix trigger expression: `fn(/host/key[,param])` and what follows it. */
export interface Call {
  fn: string;
  key: string;
  period: string | undefined;
  rest: string;
}

/** `fn(/host/key[,param])rest` with the key's brackets and quotes respected. */
export function parseCall(expr: string): Call | undefined {
  const m = /^\s*(last|avg|min|max)\(\s*\/[^/]*\//.exec(expr);
  if (!m) return undefined;
  let i = m[0].length;
  let depth = 0;
  let quoted = false;
  let key = '';
  for (; i < expr.length; i++) {
    const c = expr[i] as string;
    if (quoted) {
      if (c === '"' && expr[i - 1] !== '\\') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (depth === 0 && (c === ',' || c === ')')) break;
    key += c;
  }
  let period: string | undefined;
  if (expr[i] === ',') {
    const close = expr.indexOf(')', i);
    if (close < 0) return undefined;
    period = expr.slice(i + 1, close).trim();
    i = close;
  }
  if (expr[i] !== ')') return undefined;
  return { fn: m[1] as string, key: key.trim(), period, rest: expr.slice(i + 1) };
}
