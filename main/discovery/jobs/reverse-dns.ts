/**
 * Reverse DNS for the hosts a sweep found: PTR lookups through c-ares (the resolvers of
 * /etc/resolv.conf) with one try and a short deadline, so a site with no DNS costs a second,
 * not a minute. Never throws: no name is an answer.
 */
import { Resolver } from 'node:dns/promises';

export type ReverseLookup = (address: string) => Promise<string[]>;

export function createReverseLookup(options: { timeoutMs?: number } = {}): ReverseLookup {
  const timeoutMs = options.timeoutMs ?? 1000;
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  return async (address) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<string[]>((resolve) => {
        timer = setTimeout(() => resolve([]), timeoutMs + 250);
      });
      const names = await Promise.race([resolver.reverse(address), deadline]);
      return [...new Set(names.map((n) => n.replace(/\.$/, '').toLowerCase()))].sort();
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  };
}
