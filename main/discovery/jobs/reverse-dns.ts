/**
 * Reverse DNS for the hosts a sweep found: PTR lookups through c-ares (the resolvers of
 * /etc/resolv.conf) with one try and a short deadline, so a site with no DNS costs a second,
 * not a minute. Never throws: no name is an answer.
 */
import { Resolver } from 'node:dns/promises';
import { isAddressAllowed } from '../../lib/network-guard.ts';

/** "1.2.3.4", "1.2.3.4:53", "::1" or "[::1]:53" → the address alone. */
function serverAddress(server: string): string {
  if (server.startsWith('[')) return server.slice(1, server.indexOf(']'));
  return server.split(':').length === 2 ? (server.split(':')[0] ?? server) : server;
}

export type ReverseLookup = (address: string) => Promise<string[]>;

export function createReverseLookup(options: { timeoutMs?: number } = {}): ReverseLookup {
  const timeoutMs = options.timeoutMs ?? 1000;
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  // Under the test guard, only resolvers inside the allowed networks may be asked.
  const allowed = resolver.getServers().every((server) => isAddressAllowed(serverAddress(server)));
  return async (address) => {
    if (!allowed) return [];
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
