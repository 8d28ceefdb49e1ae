import { createEngine, type Engine, type EngineOptions } from '../../main/engine.ts';
import type { SecretsProvider } from '../../main/secrets/secrets-provider.ts';
import { tempDir } from './temp-dir.ts';

/** A fixed data key, as a provider: tests that do not test key handling use it. */
export function fixedKey(byte = 7): SecretsProvider {
  return { describe: () => 'the test key', getDataKey: () => Promise.resolve(Buffer.alloc(32, byte)) };
}

/**
 * An engine on a fresh temporary data dir; `close()` stops it and removes the dir. Without
 * `pollers: true` it never polls its devices (tests' devices have made-up addresses).
 */
export async function testEngine(options: Partial<EngineOptions> = {}): Promise<Engine & { close(): Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const engine = await testEngineOn(dir, options);
  return Object.assign(engine, {
    close: async () => {
      await engine.stop();
      cleanup();
    },
  });
}

/**
 * An engine on a data dir the test chose (and removes), with the fixed key, without pollers and
 * without the self poller (so no engine device "WARD FLUX" among the test's devices) unless told.
 */
export function testEngineOn(dataDir: string, options: Partial<EngineOptions> = {}): Promise<Engine> {
  return createEngine({ dataDir, secrets: fixedKey(), pollers: false, selfMetrics: { poller: false }, ...options });
}
