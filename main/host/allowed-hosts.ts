import net from 'node:net';
import os from 'node:os';
import { isHostName, normaliseHostName } from '../net/host-name.ts';

/**
 * The Host allow-list of the headless host (DNS rebinding defence). A page served from
 * `evil.example` whose name an attacker re-points at 127.0.0.1 reaches the host with
 * `Host: evil.example:7040` and `Origin: http://evil.example:7040`; comparing Origin with Host
 * lets it in, comparing both with a list the host owns does not.
 *
 * The list: the bind address, `localhost`, `127.0.0.1` and `[::1]`, each with the port, plus
 * the names given with `--allowed-host` (`name` for this port, or `name:port`). A wildcard bind
 * (0.0.0.0, ::) adds the machine's own interface addresses, since a browser reaching the host
 * over the network puts one of them in Host; an address literal cannot be rebound.
 */
export interface AllowedHosts {
  /** True when a request's Host header names this host. */
  host(header: string | undefined): boolean;
  /** True when a browser Origin is a page of this host (scheme http or https, allowed host). */
  origin(header: string): boolean;
  /** The allowed `host:port` entries, for messages and the log. */
  readonly entries: readonly string[];
}

/** `[v6]` or a lower-case name, without a trailing dot. */
function normaliseName(name: string): string {
  const n = normaliseHostName(name);
  const bare = n.replace(/^\[|\]$/g, '');
  return net.isIPv6(bare) ? `[${bare}]` : n;
}

/** Splits `name:port` / `[v6]:port` / `name`; the port is undefined when absent. */
function splitHostPort(value: string): { name: string; port: number | undefined } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) {
    // A bare IPv6 address without brackets (as given on the command line).
    return net.isIPv6(value.trim()) ? { name: normaliseName(value), port: undefined } : undefined;
  }
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && port > 65535) return undefined;
  return { name: normaliseName(m[1]!), port };
}

/** What `--allowed-host` accepts: a host name (main/net/host-name.ts), an address, optionally with `:port`. */
export function parseAllowedHost(value: string): string {
  const hp = splitHostPort(value);
  const bare = hp?.name.replace(/^\[|\]$/g, '') ?? '';
  const valid = hp && (net.isIP(bare) !== 0 || isHostName(hp.name));
  if (!valid) throw new Error(`"${value}" is not a host name or address (optionally with :port)`);
  return hp.port === undefined ? hp.name : `${hp.name}:${hp.port}`;
}

/** 0.0.0.0 or :: (every interface). */
export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '[::]' || address === '';
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => a !== undefined)
    .map((a) => a.address);
}

/** `port` is read when first needed: the host knows it only once it listens (port 0 picks one). */
export function createAllowedHosts(options: { bind: string; port: () => number; extra?: readonly string[]; interfaces?: () => string[] }): AllowedHosts {
  let allowed: Set<string> | undefined;
  let port = 0;
  const list = (): Set<string> => {
    if (allowed) return allowed;
    port = options.port();
    const names = new Set(['localhost', '127.0.0.1', '[::1]']);
    if (isWildcard(options.bind)) for (const a of (options.interfaces ?? interfaceAddresses)()) names.add(normaliseName(a));
    else names.add(normaliseName(options.bind));
    allowed = new Set([...names].map((n) => `${n}:${port}`));
    for (const e of options.extra ?? []) {
      const hp = splitHostPort(e);
      if (hp) allowed.add(`${hp.name}:${hp.port ?? port}`);
    }
    return allowed;
  };

  /** Host headers omit the port when it is the scheme's default. */
  const matches = (value: string, defaultPort: number): boolean => {
    const hp = splitHostPort(value);
    return hp !== undefined && list().has(`${hp.name}:${hp.port ?? defaultPort}`);
  };

  return {
    get entries() {
      return [...list()];
    },
    host: (header) => header !== undefined && matches(header, 80),
    origin(header) {
      let url: URL;
      try {
        url = new URL(header);
      } catch {
        return false; // includes the opaque origin "null"
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return false;
      return matches(url.host, url.protocol === 'https:' ? 443 : 80);
    },
  };
}
