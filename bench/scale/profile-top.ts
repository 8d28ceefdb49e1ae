/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the top functions by self time, the top files by
 * self time, and the top functions by total time (self + callees), as shares of the sampled time.
 *
 *   node bench/scale/profile-top.ts PROFILE.cpuprofile [--top 25] [--from-sec S] [--callers NAME]
 * --from-sec skips the first S seconds of the profile (setup and warm-up); --callers NAME also
 * prints the call paths (five frames up) that spent the most time in functions named NAME.
 */
import { readFileSync } from 'node:fs';
import { frameLabel, profileArgs, shortUrl } from './profile-args.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { file, opt } = profileArgs('node bench/scale/profile-top.ts PROFILE.cpuprofile [--top N] [--from-sec S] [--callers NAME]');
const TOP = opt('top', 25);
const FROM_US = opt('from-sec', 0) * 1e6;
const callersIdx = process.argv.indexOf('--callers');
const CALLERS = callersIdx > 0 ? process.argv[callersIdx + 1] : undefined;
const paths = new Map<string, number>();

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = shortUrl;
const label = (n: ProfileNode): string => frameLabel(n.callFrame);

const self = new Map<string, number>();
const files = new Map<string, number>();
const total = new Map<string, number>();
let sampled = 0;
let idle = 0;
let t = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  t += dt;
  if (t < FROM_US) return;
  const node = byId.get(id);
  if (!node) return;
  sampled += dt;
  if (node.callFrame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  const l = label(node);
  self.set(l, (self.get(l) ?? 0) + dt);
  const f = short(node.callFrame.url);
  files.set(f, (files.get(f) ?? 0) + dt);
  if (CALLERS && node.callFrame.functionName === CALLERS) {
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 5; cur = parent.get(cur)) {
      const frame = byId.get(cur);
      if (frame) chain.push(label(frame));
    }
    const key = chain.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + dt);
  }
  // Total time: every distinct frame on the stack once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur);
    if (!frame) break;
    const fl = label(frame);
    if (seen.has(fl)) continue;
    seen.add(fl);
    total.set(fl, (total.get(fl) ?? 0) + dt);
  }
});

const busy = sampled - idle;
const out = (s: string): boolean => process.stdout.write(`${s}\n`);
const pct = (us: number): string => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
out(`${file}: ${(sampled / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((busy / sampled) * 100).toFixed(1)} %); shares below are of busy time`);
out('\nself time by function:');
for (const [l, us] of top(self)) out(`  ${pct(us)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${l}`);
out('\nself time by file:');
for (const [l, us] of top(files)) out(`  ${pct(us)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${l}`);
out('\ntotal time (self + callees) by function:');
for (const [l, us] of top(total)) out(`  ${pct(us)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${l}`);
if (CALLERS) {
  out(`\ncall paths into ${CALLERS}:`);
  for (const [l, us] of top(paths)) out(`  ${pct(us)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${l}`);
}
