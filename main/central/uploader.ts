/**
 * The laptop side of central uploads: `enqueue` puts an upload in the durable outbox (topic
 * 'central.upload', idempotency key = the uploadId), and the delivery handler sends it:
 * small files in one request, larger ones in chunks (only the chunks the central says it is
 * missing, so an upload cut off mid-way resumes where it stopped), then `complete`. The central
 * keys everything by the uploadId, so a delivery repeated after a crash or a lost response
 * stores nothing new.
 */
import crypto from 'node:crypto';
import { PermanentDeliveryError, type OutboxEntry } from '../outbox/index.ts';
import type { CentralTargetRepo } from './target-repo.ts';

export const CENTRAL_TOPIC = 'central.upload';
export const CHUNK_BYTES = 256 * 1024;

export interface UploadPayload {
  uploadId: string;
  kind: 'report' | 'discovery' | 'inventory';
  site: { name: string; customer: string; address: string; technician: string };
  metadata: Record<string, unknown>;
  filename: string;
  mimeType: string;
  /** A stored report (its file is read at delivery)... */
  reportId?: string;
  /** ...or the content itself, base64 (discovery results, inventory), frozen when queued. */
  content?: string;
}

interface UploadState {
  state: 'open' | 'complete';
  missingChunks: number[];
}

export interface UploaderDeps {
  target: CentralTargetRepo;
  /** The bytes of a stored report; throws NotFoundError when it was deleted. */
  reportContent(reportId: string): Buffer;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Statuses worth retrying: the central is down, busy, or the request timed out. */
const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

export function createUploadHandler(d: UploaderDeps) {
  const doFetch = d.fetch ?? fetch;
  const timeoutMs = d.timeoutMs ?? 60_000;

  async function call(url: string, method: string, token: string, body: unknown): Promise<UploadState> {
    const res = await doFetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => null)) as { ok?: boolean; data?: UploadState; error?: { message?: string } } | null;
    if (res.ok && json?.ok && json.data) return json.data;
    const message = `central answered ${res.status} to ${method} ${new URL(url).pathname}: ${json?.error?.message ?? res.statusText}`;
    if (RETRYABLE.has(res.status)) throw new Error(message);
    throw new PermanentDeliveryError(message);
  }

  return async (entry: OutboxEntry<UploadPayload>): Promise<void> => {
    const p = entry.payload;
    const target = d.target.resolve();
    if (!target) throw new Error('No central WARD FLUX is configured (or it is switched off); the upload waits.');
    let content: Buffer;
    if (p.content !== undefined) content = Buffer.from(p.content, 'base64');
    else if (p.reportId) {
      try {
        content = d.reportContent(p.reportId);
      } catch (err) {
        throw new PermanentDeliveryError(`Report ${p.reportId} cannot be read: ${(err as Error).message}`);
      }
    } else throw new PermanentDeliveryError('The upload has no content.');
    const base = new URL('api/v1/central/uploads', target.url).toString();
    const header = {
      uploadId: p.uploadId,
      site: p.site,
      kind: p.kind,
      metadata: p.metadata,
      filename: p.filename,
      mimeType: p.mimeType,
      size: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      chunkSize: CHUNK_BYTES,
    };
    if (content.length <= CHUNK_BYTES) {
      await call(base, 'POST', target.token, { ...header, content: content.toString('base64') });
      return;
    }
    const state = await call(base, 'POST', target.token, header);
    if (state.state === 'complete') return;
    for (const n of state.missingChunks) {
      const chunk = content.subarray(n * CHUNK_BYTES, Math.min(content.length, (n + 1) * CHUNK_BYTES));
      await call(`${base}/${p.uploadId}/chunks/${n}`, 'PUT', target.token, { data: chunk.toString('base64') });
    }
    await call(`${base}/${p.uploadId}/complete`, 'POST', target.token, {});
  };
}
