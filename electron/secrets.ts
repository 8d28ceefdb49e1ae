import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { SecretsError } from '../main/errors.ts';
import type { Logger } from '../main/lib/logger.ts';
import { headlessSecrets, KEY_FILE } from '../main/secrets/headless-secrets.ts';
import { DATA_KEY_BYTES, type SecretsProvider } from '../main/secrets/secrets-provider.ts';

/** The data key wrapped by the OS keychain (safeStorage.encryptString), in the user data directory. */
export const WRAPPED_KEY_FILE = 'secret.key.enc';

function writeNew(file: string, data: Buffer): boolean {
  try {
    // 'wx': never overwrite a key that another start created a moment ago.
    fs.writeFileSync(file, data, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SecretsError(`Cannot create the key file ${file}: ${(err as Error).message}`, err);
  }
}

function unwrap(file: string): Buffer {
  let key: Buffer;
  try {
    key = Buffer.from(safeStorage.decryptString(fs.readFileSync(file)), 'base64');
  } catch (err) {
    throw new SecretsError(
      `The OS keychain cannot unlock the data key in ${file}. The profile may have been copied from another user or ` +
        'machine, or the keychain was reset; the stored SNMP secrets cannot be read without it.',
      err,
    );
  }
  if (key.length !== DATA_KEY_BYTES) throw new SecretsError(`The data key in ${file} is malformed.`);
  return key;
}

/**
 * The desktop app's data key: 32 random bytes created on first start and stored wrapped by the OS
 * keychain (Keychain, DPAPI, libsecret/kwallet) via safeStorage. Must be created after app 'ready'.
 *
 * - On Linux without a keyring, safeStorage falls back to a hard-coded password ('basic_text'):
 *   that still works but protects nothing, so it is logged as a warning.
 * - With no encryption at all, the headless key file (0600) is used, with a warning.
 * - A headless key file left from such a start is moved under the keychain once it is available,
 *   so the data stays readable.
 */
export function electronSecrets(userDataDir: string, logger: Logger): SecretsProvider {
  const wrappedFile = path.join(userDataDir, WRAPPED_KEY_FILE);
  const plainFile = path.join(userDataDir, KEY_FILE);
  const headless = headlessSecrets(userDataDir);

  if (!safeStorage.isEncryptionAvailable()) {
    if (fs.existsSync(wrappedFile)) {
      return {
        describe: () => `the OS keychain (${wrappedFile})`,
        getDataKey: () =>
          Promise.reject(
            new SecretsError(
              `The data key in ${wrappedFile} is protected by the OS keychain, which is not available now. ` +
                'Unlock or start the keychain (on Linux: gnome-keyring or kwallet) and start WARD FLUX again.',
            ),
          ),
      };
    }
    logger.warn({ keyFile: plainFile }, 'OS keychain encryption is not available: the data key is kept in a key file readable only by this user');
    return headless;
  }

  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    logger.warn(
      'No Linux keyring (gnome-keyring or kwallet) found: safeStorage uses a built-in password, so the data key is only obfuscated on disk',
    );
  }

  return {
    describe: () => `the OS keychain (${wrappedFile})`,
    getDataKey: async ({ mayCreate = true } = {}) => {
      if (fs.existsSync(wrappedFile)) return unwrap(wrappedFile);
      const hasPlain = fs.existsSync(plainFile);
      if (!hasPlain && !mayCreate) {
        throw new SecretsError(
          `The data key file ${wrappedFile} is missing, but this database holds credentials encrypted with it. ` +
            'Restore the file from a backup of this profile; without it the stored SNMP secrets cannot be read.',
        );
      }
      // A key from a start without keychain: keep using it, now wrapped.
      const key = hasPlain ? await headless.getDataKey({ mayCreate: false }) : crypto.randomBytes(DATA_KEY_BYTES);
      if (!writeNew(wrappedFile, safeStorage.encryptString(key.toString('base64')))) return unwrap(wrappedFile);
      if (fs.existsSync(plainFile)) {
        fs.rmSync(plainFile, { force: true });
        logger.info({ keyFile: wrappedFile }, 'data key moved from the key file into the OS keychain');
      }
      return key;
    },
  };
}
