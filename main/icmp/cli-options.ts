/**
 * Option parsers for the ping, traceroute and mtr commands. Kept apart from the pinger so that
 * registering the commands costs no import time for the rest of the CLI.
 */
import { InvalidArgumentError, Option } from 'commander';

export const methodOption = (): Option =>
  new Option('--method <method>', 'how to send ICMP (auto: raw sockets when permitted, else the system fping/ping)').choices(['auto', 'raw', 'system-ping']).default('auto');

/** Commander parser for a number with a lower bound; `integer` refuses fractions. */
export function numberArg(name: string, min: number, integer = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new InvalidArgumentError(`${name} must be a${integer ? ' whole' : ''} number`);
    if (n < min) throw new InvalidArgumentError(`${name} must be at least ${min}`);
    return n;
  };
}

/** RTT as fping prints it: two decimals below 100 ms, then fewer. */
export function fmtMs(ms: number | null): string {
  if (ms === null) return 'NaN';
  return ms < 100 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0);
}
