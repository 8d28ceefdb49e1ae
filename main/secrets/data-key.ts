import { SecretsError } from '../errors.ts';
import { DATA_KEY_BYTES } from './secrets-provider.ts';

/** Parses a data key written as 64 hex digits or as base64; says what is wrong otherwise. */
export function parseDataKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== DATA_KEY_BYTES) {
    throw new SecretsError(
      `The encryption key in ${source} is malformed: it must be ${DATA_KEY_BYTES} random bytes written as 64 hex digits or as base64 ` +
        '(for example the output of "openssl rand -base64 32").',
    );
  }
  return key;
}
