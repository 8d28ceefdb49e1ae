import { createEngine } from '../../main/engine.ts';

/**
 * Fills a data dir with `count` devices through the contract, in process, before `serve` opens
 * it (the headless key file is created on the way and reused by serve).
 */
export async function seedDevices(dataDir: string, count: number): Promise<void> {
  const engine = await createEngine({ dataDir });
  try {
    for (let i = 0; i < count; i++) {
      const site = `site-${String.fromCharCode(97 + (i % 5))}`;
      const r = await engine.api.call('devices.create', {
        name: `dev-${String(i).padStart(5, '0')}`,
        address: `10.${Math.floor(i / (254 * 256)) % 256}.${Math.floor(i / 254) % 256}.${(i % 254) + 1}`,
        tags: i % 3 === 0 ? [site, 'core'] : [site],
        notes: i % 7 === 0 ? `Rack ${i % 40}` : '',
        enabled: i % 10 !== 9,
      });
      if (!r.ok) throw new Error(`seeding device ${i}: ${r.error.message}`);
    }
  } finally {
    await engine.stop();
  }
}
