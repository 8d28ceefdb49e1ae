/**
 * The packaged app's Electron fuses, read through electron-builder's own config loading and schema validation
 * (so a misspelt option fails here, not silently at packaging time).
 */
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('electron-builder.yml', () => {
  it('flips the hardening fuses and packs the app into an asar archive', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('would reject a misspelt fuse (the schema check is live)', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } as never }, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });
});
