import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SecretsError } from '../errors.ts';
import { parseDataKey } from './data-key.ts';
import { DATA_KEY_BYTES, type SecretsProvider } from './secrets-provider.ts';

export const KEY_FILE = 'secret.key';

/**
 * The data key for the headless host and the CLI: `WARD_ENCRYPTION_KEY` when set, otherwise a key
 * file in the data directory, created with mode 0600 on first start. A key file that others can
 * read is refused, as ssh refuses such a private key.
 */
export function headlessSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretsProvider {
  const fromEnv = env.WARD_ENCRYPTION_KEY;
  const file = path.join(dataDir, KEY_FILE);
  if (fromEnv !== undefined && fromEnv !== '') {
    return { describe: () => 'the WARD_ENCRYPTION_KEY environment variable', getDataKey: () => Promise.resolve(parseDataKey(fromEnv, 'WARD_ENCRYPTION_KEY')) };
  }
  return {
    describe: () => `the key file ${file}`,
    getDataKey: async ({ mayCreate = true } = {}) => {
      let text: string;
      try {
        const stat = fs.statSync(file);
        if ((stat.mode & 0o077) !== 0) {
          throw new SecretsError(
            `The key file ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). Run "chmod 600 ${file}" and start again.`,
          );
        }
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        if (err instanceof SecretsError) throw err;
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new SecretsError(`Cannot read the key file ${file}: ${(err as Error).message}`, err);
        }
        if (!mayCreate) {
          throw new SecretsError(
            `The key file ${file} is missing, but this database holds credentials encrypted with a key. ` +
              'Restore the original key file (or set WARD_ENCRYPTION_KEY to that key); without it they cannot be read.',
          );
        }
        const key = crypto.randomBytes(DATA_KEY_BYTES);
        try {
          // 'wx': never overwrite a key another process created a moment ago.
          fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
          return key;
        } catch (writeErr) {
          if ((writeErr as NodeJS.ErrnoException).code === 'EEXIST') text = fs.readFileSync(file, 'utf8');
          else throw new SecretsError(`Cannot create the key file ${file}: ${(writeErr as Error).message}`, writeErr);
        }
      }
      return parseDataKey(text, `the key file ${file}`);
    },
  };
}
