/**
 * `wardflux traceroute HOST [-m MAXHOPS] [-q PROBES] [-w SEC] [-U] [--json]`: traceroute's
 * output, hop lines printed in order as they complete. Runs in-process.
 */
import type { Command } from 'commander';
import { methodOption, numberArg } from '../icmp/cli-options.ts';
import type { TraceHop, TraceProbe } from '../icmp/traceroute.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { printJson } from './output.ts';

interface TraceOpts {
  maxHops: number;
  queries: number;
  wait: number;
  udp: boolean;
  method: string;
}

const MARKS: Partial<Record<TraceProbe['status'], string>> = { unreachable: ' !H', 'too-big': ' !F' };

/** One hop as traceroute prints it: ` 2  198.18.1.227  0.081 ms  0.052 ms  *`. */
export function hopLine(hop: TraceHop): string {
  let last: string | null = null;
  const parts = hop.probes.map((p) => {
    if (p.address === null || p.rttMs === null) return p.address === null ? '*' : `${p.address}`;
    const addr = p.address !== last ? `${p.address}  ` : '';
    last = p.address;
    return `${addr}${p.rttMs.toFixed(3)} ms${MARKS[p.status] ?? ''}`;
  });
  return `${String(hop.hop).padStart(2)}  ${parts.join('  ')}`;
}

async function run(ctx: CliContext, host: string, o: TraceOpts): Promise<void> {
  const g = ctx.globals();
  const [{ withPinger }, { resolveTarget }, { traceroute }] = await Promise.all([import('../icmp/cli-support.ts'), import('../icmp/targets.ts'), import('../icmp/traceroute.ts')]);
  const target = await resolveTarget(host);
  await withPinger({ method: o.method, logLevel: g.logLevel }, async (pinger, signal) => {
    if (!g.json) ctx.io.out(`traceroute to ${target.input} (${target.address}), ${o.maxHops} hops max, ${o.udp ? 'UDP' : 'ICMP'} probes`);
    const done = new Map<number, TraceProbe[]>();
    let printed = 0;
    let finished = false;
    const result = await traceroute(pinger, target.address, {
      maxHops: o.maxHops,
      probesPerHop: o.queries,
      timeoutMs: o.wait * 1000,
      protocol: o.udp ? 'udp' : 'icmp',
      signal,
      onProbe: ({ hop, probe, result: r }) => {
        const list = done.get(hop) ?? new Array<TraceProbe>(o.queries);
        list[probe] = r;
        done.set(hop, list);
        if (g.json || finished) return;
        // Print hops in order as soon as each is complete; stop after the last one.
        for (let next = done.get(printed + 1); next && next.filter(Boolean).length === o.queries; next = done.get(printed + 1)) {
          const line: TraceHop = { hop: printed + 1, address: next.find((p) => p.address)?.address ?? null, probes: next };
          ctx.io.out(hopLine(line));
          printed++;
          if (next.some((p) => (p.status === 'reply' && p.address === target.address) || p.status === 'unreachable')) finished = true;
          if (finished) break;
        }
      },
    });
    if (g.json) return printJson(ctx.io, result);
    for (const hop of result.hops) {
      if (hop.hop <= printed) continue;
      ctx.io.out(hopLine(hop));
      printed = hop.hop;
    }
    if (!result.reached && !signal.aborted) ctx.io.err(`traceroute: ${target.address} not reached within ${o.maxHops} hops`);
  });
}

export const registerTracerouteCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  program
    .command('traceroute')
    .description('show the routers on the way to a host; runs without the engine')
    .argument('<host>', 'IP address or host name')
    .option('-m, --max-hops <n>', 'maximum TTL', numberArg('max-hops', 1, true), 30)
    .option('-q, --queries <n>', 'probes per hop', numberArg('queries', 1, true), 3)
    .option('-w, --wait <sec>', 'seconds to wait for each answer', numberArg('wait', 0.01), 1)
    .option('-U, --udp', 'UDP probes to high ports instead of ICMP echo', false)
    .addOption(methodOption())
    .action((host: string, o: TraceOpts) => run(ctx, host, o));
};
