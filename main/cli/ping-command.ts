/**
 * `wardflux ping HOST... [-c N] [-i SEC] [-s SIZE] [-t TIMEOUT] [--json]`: fping-style output,
 * one line per probe and a summary per host, run in-process (no engine or database needed).
 * Exit code 0 when every host answered, 1 when one did not, 2 on invalid input.
 */
import type { Command } from 'commander';
import { fmtMs, methodOption, numberArg } from '../icmp/cli-options.ts';
import type { TargetResult } from '../icmp/types.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { printJson } from './output.ts';

interface PingOpts {
  count: number;
  interval: number;
  size: number;
  timeout: number;
  quiet: boolean;
  method: string;
  rate?: number;
}

/** fping's summary line: `198.18.1.10 : xmt/rcv/%loss = 5/5/0%, min/avg/max = 0.03/0.05/0.09`. */
export function fpingSummaryLine(name: string, r: Pick<TargetResult, 'sent' | 'received' | 'minMs' | 'avgMs' | 'maxMs'>): string {
  const loss = r.sent ? Math.round(((r.sent - r.received) / r.sent) * 100) : 0;
  const base = `${name} : xmt/rcv/%loss = ${r.sent}/${r.received}/${loss}%`;
  return r.received ? `${base}, min/avg/max = ${fmtMs(r.minMs)}/${fmtMs(r.avgMs)}/${fmtMs(r.maxMs)}` : base;
}

async function ping(ctx: CliContext, hosts: string[], o: PingOpts): Promise<void> {
  const g = ctx.globals();
  // Loaded on use: the rest of the CLI does not pay for the pinger's imports.
  const [{ withPinger }, { checkPingParams, resolveTarget }, { AppError }] = await Promise.all([import('../icmp/cli-support.ts'), import('../icmp/targets.ts'), import('../errors.ts')]);
  await withPinger({ method: o.method, logLevel: g.logLevel, ...(o.rate ? { ratePerSec: o.rate } : {}) }, async (pinger, signal) => {
    checkPingParams({ count: o.count, intervalSec: o.interval, sizeBytes: o.size, timeoutSec: o.timeout }, pinger.method);
    const targets = await Promise.all(hosts.map((h) => resolveTarget(h)));
    const width = Math.max(...targets.map((t) => t.input.length));
    const nameOf = new Map(targets.map((t) => [t.address, t.input]));
    const got = new Map<string, number[]>();
    const results = await pinger.probe(
      targets.map((t) => t.address),
      {
        count: o.count,
        intervalMs: o.interval * 1000,
        timeoutMs: o.timeout * 1000,
        size: o.size,
        signal,
        onProbe: ({ address, index, outcome }) => {
          if (g.json || o.quiet || outcome.status === 'cancelled') return;
          const name = (nameOf.get(address) ?? address).padEnd(width);
          const rtts = got.get(address) ?? [];
          got.set(address, rtts);
          if (outcome.status === 'reply') rtts.push(outcome.rttMs);
          const sent = index + 1;
          const avg = rtts.length ? rtts.reduce((a, b) => a + b, 0) / rtts.length : null;
          const loss = Math.max(0, Math.round(((sent - rtts.length) / sent) * 100));
          const what =
            outcome.status === 'reply'
              ? `${o.size + 28} bytes, ${fmtMs(outcome.rttMs)} ms`
              : outcome.status === 'timeout'
                ? 'timed out'
                : outcome.status === 'error'
                  ? `error: ${outcome.message}`
                  : `${outcome.status} from ${outcome.from}`;
          ctx.io.out(`${name} : [${index}], ${what} (${fmtMs(avg)} avg, ${loss}% loss)`);
        },
      },
    );
    if (g.json) {
      printJson(ctx.io, { method: pinger.method, results: results.map((r, i) => ({ input: targets[i]!.input, ...r })) });
    } else {
      if (!o.quiet) ctx.io.out('');
      results.forEach((r, i) => ctx.io.out(fpingSummaryLine(targets[i]!.input.padEnd(width), r)));
    }
    const down = results.filter((r) => r.received === 0).length;
    if (down && !signal.aborted) throw new AppError('unavailable', `${down} of ${results.length} host${results.length > 1 ? 's' : ''} did not answer`);
  });
}

export const registerPingCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  program
    .command('ping')
    .description('ping hosts (fping-style output); runs without the engine')
    .argument('<host...>', 'IP addresses or host names')
    .option('-c, --count <n>', 'probes per host', numberArg('count', 1, true), 5)
    .option('-i, --interval <sec>', 'seconds between probes to one host (min 0.2 without root)', numberArg('interval', 0), 1)
    .option('-s, --size <bytes>', 'ICMP payload bytes', numberArg('size', 0, true), 56)
    .option('-t, --timeout <sec>', 'seconds to wait for each reply', numberArg('timeout', 0), 1)
    .option('-q, --quiet', 'only the summary', false)
    .option('--rate <pps>', 'packets per second limit for the whole run', numberArg('rate', 1))
    .addOption(methodOption())
    .action((hosts: string[], o: PingOpts) => ping(ctx, hosts, o));
};
