/**
 * Imported first by every network benchmark: the engine's network guard (main/lib/network-guard.ts)
 * then refuses any probe outside loopback and the lab ranges, as it does in the tests.
 */
process.env.WARD_ALLOWED_NETWORKS ??= '127.0.0.0/8,::1/128,198.18.0.0/15,198.19.0.0/16';
