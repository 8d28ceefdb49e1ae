/**
 * What the profile summaries (profile-top.ts, alloc-top.ts) share: the command line (the file, then
 * --name N options) and how a V8 call frame is named (function, file relative to here, line).
 */
export function profileArgs(usage: string): { file: string; opt: (name: string, def: number) => number } {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  const opt = (name: string, def: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  return { file, opt };
}

const here = `file://${process.cwd()}/`;

export const shortUrl = (url: string): string => url.replace(here, '').replace(/^file:\/\//, '') || '(native)';

export const frameLabel = (f: { functionName: string; url: string; lineNumber: number }): string => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
