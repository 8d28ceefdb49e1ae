import { SecretsError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { SecretBox } from './secret-box.ts';

const CHECK_KEY = 'key_check';
const CHECK_CONTEXT = 'wardflux key check';
const CHECK_VALUE = 'wardflux';

/** True when this database already holds data sealed with some key. */
export function hasDataKey(db: Db): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(CHECK_KEY) !== undefined;
}

/**
 * Makes sure the data key is the one this database's secrets were sealed with, so a wrong or lost
 * key is reported at start, naming the problem, instead of as garbage later. The first start
 * stores a sealed check value.
 */
export function verifyDataKey(db: Db, box: SecretBox, keySource: string): void {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(CHECK_KEY) as { value: string } | undefined;
  if (!row) {
    const sealed = box.seal(CHECK_VALUE, CHECK_CONTEXT).toString('base64');
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run(CHECK_KEY, sealed, 'key_id', box.keyId);
    return;
  }
  const expectedId = (db.prepare("SELECT value FROM meta WHERE key = 'key_id'").get() as { value: string } | undefined)?.value;
  let ok: boolean;
  try {
    ok = box.open(Buffer.from(row.value, 'base64'), CHECK_CONTEXT) === CHECK_VALUE;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new SecretsError(
      `The encryption key from ${keySource} (key id ${box.keyId}) is not the key this database was created with` +
        `${expectedId ? ` (key id ${expectedId})` : ''}. Restore the original key (key file or WARD_ENCRYPTION_KEY); ` +
        'without it the stored credentials cannot be read.',
    );
  }
}
