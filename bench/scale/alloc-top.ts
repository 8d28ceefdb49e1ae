/**
 * Summarises a V8 sampling heap profile (bench/scale/run.ts --alloc-profile, or DevTools'
 * .heapprofile): bytes allocated by function (self), by file, and by the call path of the
 * allocating function (--depth frames, default 4), as shares of all sampled bytes.
 *
 *   node bench/scale/alloc-top.ts PROFILE.heapprofile [--top 25] [--depth 4]
 */
import { readFileSync } from 'node:fs';
import { frameLabel, profileArgs, shortUrl } from './profile-args.ts';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  id: number;
  children: HeapNode[];
}

const { file, opt } = profileArgs('node bench/scale/alloc-top.ts PROFILE.heapprofile [--top N] [--depth D]');
const TOP = opt('top', 25);
const DEPTH = opt('depth', 4);

const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
const short = shortUrl;
const label = (n: HeapNode): string => frameLabel(n.callFrame);

const self = new Map<string, number>();
const files = new Map<string, number>();
const paths = new Map<string, number>();
let total = 0;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const walk = (n: HeapNode, stack: string[]): void => {
  const here = [label(n), ...stack];
  if (n.selfSize > 0) {
    total += n.selfSize;
    add(self, here[0]!, n.selfSize);
    add(files, short(n.callFrame.url), n.selfSize);
    add(paths, here.slice(0, DEPTH).join(' < '), n.selfSize);
  }
  for (const c of n.children) walk(c, here);
};
walk(head, []);

const out = (s: string): boolean => process.stdout.write(`${s}\n`);
const row = ([l, b]: [string, number]) => out(`  ${((b / total) * 100).toFixed(1).padStart(5)} %  ${(b / 2 ** 20).toFixed(1).padStart(8)} MB  ${l}`);
const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
out(`${file}: ${(total / 2 ** 20).toFixed(1)} MB sampled`);
out('\nby function:');
top(self).forEach(row);
out('\nby file:');
top(files).forEach(row);
out(`\nby call path (${DEPTH} frames):`);
top(paths).forEach(row);
