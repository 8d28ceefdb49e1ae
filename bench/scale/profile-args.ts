/** The command line of the profile summaries (profile-top.ts, alloc-top.ts): the file, then --name N options. */
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
