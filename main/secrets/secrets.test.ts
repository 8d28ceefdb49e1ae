import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedKey } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { createEngine } from '../engine.ts';
import { SecretsError } from '../errors.ts';
import { parseDataKey } from './data-key.ts';
import { headlessSecrets, KEY_FILE } from './headless-secrets.ts';
import { createSecretBox } from './secret-box.ts';

const cleanups: (() => void)[] = [];
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(Buffer.alloc(32, 1));

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.seal({ community: 'private-community' }, 'row-1');
    expect(sealed.toString('latin1')).not.toContain('private-community');
    expect(box.open(sealed, 'row-1')).toEqual({ community: 'private-community' });
  });

  it('refuses a blob moved to another row, a tampered blob, and another key', () => {
    const sealed = box.seal('x', 'row-1');
    expect(() => box.open(sealed, 'row-2')).toThrowError(SecretsError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect(() => box.open(tampered, 'row-1')).toThrowError(/cannot be decrypted/);
    expect(() => createSecretBox(Buffer.alloc(32, 2)).open(sealed, 'row-1')).toThrowError(/not the one the data was encrypted with/);
  });
});

describe('data key parsing', () => {
  it('accepts hex and base64 of 32 bytes, and names the problem otherwise', () => {
    expect(parseDataKey('ab'.repeat(32), 'x')).toHaveLength(32);
    expect(parseDataKey(Buffer.alloc(32, 9).toString('base64'), 'x')).toHaveLength(32);
    expect(() => parseDataKey('too-short', 'WARD_ENCRYPTION_KEY')).toThrowError(/WARD_ENCRYPTION_KEY is malformed: it must be 32 random bytes/);
  });
});

describe('headless secrets provider', () => {
  it('creates a key file readable only by its owner, and reuses it', async () => {
    const d = dir();
    const provider = headlessSecrets(d, {});
    const key = await provider.getDataKey();
    const stat = fs.statSync(path.join(d, KEY_FILE));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(await headlessSecrets(d, {}).getDataKey()).toEqual(key);
  });

  it('refuses a key file that other users can read', async () => {
    const d = dir();
    await headlessSecrets(d, {}).getDataKey();
    fs.chmodSync(path.join(d, KEY_FILE), 0o644);
    await expect(headlessSecrets(d, {}).getDataKey()).rejects.toThrowError(/can be read by other users \(mode 644\).*chmod 600/);
  });

  it('prefers WARD_ENCRYPTION_KEY and creates no key file then', async () => {
    const d = dir();
    const hex = 'cd'.repeat(32);
    expect(await headlessSecrets(d, { WARD_ENCRYPTION_KEY: hex }).getDataKey()).toEqual(Buffer.from(hex, 'hex'));
    expect(fs.existsSync(path.join(d, KEY_FILE))).toBe(false);
  });
});

describe('engine and the data key', () => {
  it('refuses to start with a key that is not the database key, naming both key ids', async () => {
    const d = dir();
    const first = await createEngine({ dataDir: d, secrets: fixedKey(1) });
    await first.stop();
    const attempt = createEngine({ dataDir: d, secrets: fixedKey(2) });
    await expect(attempt).rejects.toThrowError(SecretsError);
    await expect(createEngine({ dataDir: d, secrets: fixedKey(2) })).rejects.toThrowError(
      /from the test key \(key id [0-9a-f]{12}\) is not the key this database was created with \(key id [0-9a-f]{12}\)/,
    );
  });

  it('a lost key file is reported as missing and no new key replaces it', async () => {
    const d = dir();
    const engine = await createEngine({ dataDir: d, secrets: headlessSecrets(d, {}) });
    await engine.api.call('credentials.create', { name: 'c', version: '2c', community: 'secret-comm' });
    await engine.stop();
    fs.rmSync(path.join(d, KEY_FILE));
    await expect(createEngine({ dataDir: d, secrets: headlessSecrets(d, {}) })).rejects.toThrowError(/key file .* is missing, but this database holds credentials/);
    expect(fs.existsSync(path.join(d, KEY_FILE))).toBe(false);
  });
});
