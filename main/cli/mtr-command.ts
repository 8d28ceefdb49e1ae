/**
 * `wardflux mtr HOST [-c N] [-i SEC] [--json]`: runs N rounds and prints a report like
 * `mtr --report`. Runs in-process.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { methodOption, numberArg } from '../icmp/cli-options.ts';
import type { MtrResult } from '../icmp/mtr.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { printJson } from './output.ts';

interface MtrOpts {
  count: number;
  interval: number;
  maxHops: number;
  timeout: number;
  udp: boolean;
  method: string;
}

const f1 = (x: number | null): string => (x ?? 0).toFixed(1);

/** The report body as `mtr --report` prints it. */
export function mtrReport(r: MtrResult, host = os.hostname(), start = new Date()): string {
  const width = Math.max(25, ...r.hops.map((h) => (h.address ?? '???').length + 1));
  const lines = [`Start: ${start.toISOString().replace(/\.\d+Z$/, '+0000')}`, `HOST: ${host.padEnd(width + 1)}Loss%   Snt   Last   Avg  Best  Wrst StDev`];
  for (const h of r.hops) {
    const addr = (h.address ?? '???').padEnd(width);
    lines.push(
      `${String(h.hop).padStart(3)}.|-- ${addr}${(f1(h.lossPct) + '%').padStart(6)} ${String(h.sent).padStart(5)} ${f1(h.lastMs).padStart(6)} ${f1(h.avgMs).padStart(5)} ${f1(h.bestMs).padStart(5)} ${f1(h.worstMs).padStart(5)} ${f1(h.stdevMs).padStart(5)}`,
    );
    for (const other of h.addresses.filter((a) => a !== h.address)) lines.push(`       ${other}`);
  }
  return lines.join('\n');
}

async function run(ctx: CliContext, host: string, o: MtrOpts): Promise<void> {
  const g = ctx.globals();
  const [{ withPinger }, { checkPingParams, resolveTarget }, { mtr }] = await Promise.all([import('../icmp/cli-support.ts'), import('../icmp/targets.ts'), import('../icmp/mtr.ts')]);
  await withPinger({ method: o.method, logLevel: g.logLevel }, async (pinger, signal) => {
    checkPingParams({ count: o.count, intervalSec: o.interval, sizeBytes: 56, timeoutSec: o.timeout }, pinger.method);
    const target = await resolveTarget(host);
    const start = new Date();
    const result = await mtr(pinger, target.address, {
      count: o.count,
      intervalMs: o.interval * 1000,
      timeoutMs: o.timeout * 1000,
      maxHops: o.maxHops,
      protocol: o.udp ? 'udp' : 'icmp',
      signal,
    });
    if (g.json) return printJson(ctx.io, result);
    ctx.io.out(mtrReport(result, os.hostname(), start));
  });
}

export const registerMtrCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  program
    .command('mtr')
    .description('per-hop loss and latency over N rounds (like mtr --report); runs without the engine')
    .argument('<host>', 'IP address or host name')
    .option('-c, --count <n>', 'rounds', numberArg('count', 1, true), 10)
    .option('-i, --interval <sec>', 'seconds between rounds', numberArg('interval', 0), 1)
    .option('-m, --max-hops <n>', 'maximum TTL', numberArg('max-hops', 1, true), 30)
    .option('-t, --timeout <sec>', 'seconds to wait for each answer', numberArg('timeout', 0.01), 1)
    .option('-U, --udp', 'UDP probes instead of ICMP echo', false)
    .addOption(methodOption())
    .action((host: string, o: MtrOpts) => run(ctx, host, o));
};
