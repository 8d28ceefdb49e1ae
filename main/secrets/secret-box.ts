import crypto from 'node:crypto';
import { SecretsError } from '../errors.ts';
import { DATA_KEY_BYTES } from './secrets-provider.ts';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens small secrets with AES-256-GCM under the data key. */
export interface SecretBox {
  /** Encrypts `value` (JSON-serialisable), bound to `context` (e.g. the row id) as associated data. */
  seal(value: unknown, context: string): Buffer;
  /** Decrypts what seal() made with the same context; a wrong key or a tampered blob is a SecretsError. */
  open<T = unknown>(sealed: Buffer, context: string): T;
  /** A short public fingerprint of the key, safe to log and store. */
  keyId: string;
}

export function createSecretBox(key: Buffer, keySource = 'the configured key'): SecretBox {
  if (key.length !== DATA_KEY_BYTES) throw new SecretsError(`The data key must be ${DATA_KEY_BYTES} bytes.`);
  const keyId = crypto.createHmac('sha256', key).update('wardflux key id').digest('hex').slice(0, 12);
  return {
    keyId,
    seal(value, context) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed, context) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_V1) {
        throw new SecretsError('A stored secret is in an unknown format; the database may be damaged.');
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        const text = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return JSON.parse(text) as never;
      } catch (err) {
        throw new SecretsError(
          `A stored secret cannot be decrypted with ${keySource}: the key is not the one the data was encrypted with, or the data was altered.`,
          err,
        );
      }
    },
  };
}
