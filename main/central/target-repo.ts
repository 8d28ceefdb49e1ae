/**
 * The laptop's central target (`central_target`, row 1): the URL in the clear, the API token
 * sealed with the data key (the same pattern as the VictoriaMetrics target) and never returned;
 * another URL drops it (it must be given again).
 */
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { carrySecret, sameUrlDestination } from '../secrets/destination.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';

const CONTEXT = 'central_target:1';

interface Row {
  url: string;
  secret: Buffer | null;
  enabled: number;
  updated_at: number;
}

export interface CentralTargetView {
  url: string;
  hasToken: boolean;
  enabled: boolean;
  updatedAt: number | null;
}

export function createCentralTargetRepo(db: Db, box: SecretBox, clock: Clock) {
  const select = db.prepare<[], Row>('SELECT url, secret, enabled, updated_at FROM central_target WHERE id = 1');
  const normalise = (url: string) => (url.endsWith('/') ? url : `${url}/`);
  return {
    get(): CentralTargetView {
      const r = select.get();
      return r ? { url: r.url, hasToken: r.secret !== null, enabled: r.enabled === 1, updatedAt: r.updated_at } : { url: '', hasToken: false, enabled: false, updatedAt: null };
    },
    set(input: { url: string; token?: string | undefined; enabled: boolean }): CentralTargetView {
      const prev = select.get();
      const url = normalise(input.url);
      // The stored token is only sent to the central it was entered for (secrets/destination.ts).
      const same = prev !== undefined && sameUrlDestination(prev.url, url);
      const stored = prev?.secret ? box.open<{ token: string }>(prev.secret, CONTEXT).token : undefined;
      const token = carrySecret(input.token, stored, same, { path: 'token', label: 'API token of the central', destination: 'central address' });
      if (!token) throw new ValidationError('An API token of the central is required', [{ path: 'token', message: 'Required' }]);
      db.prepare(
        `INSERT INTO central_target (id, url, secret, enabled, updated_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, enabled = excluded.enabled, updated_at = excluded.updated_at`,
      ).run(url, box.seal({ token }, CONTEXT), input.enabled ? 1 : 0, clock.now());
      return this.get();
    },
    /** URL and token, for the uploader; undefined when none is set or it is switched off. */
    resolve(): { url: string; token: string } | undefined {
      const r = select.get();
      if (!r || r.enabled !== 1 || !r.secret) return undefined;
      return { url: r.url, token: box.open<{ token: string }>(r.secret, CONTEXT).token };
    },
  };
}

export type CentralTargetRepo = ReturnType<typeof createCentralTargetRepo>;
