/**
 * What a central WARD FLUX keeps of the uploads it receives. An upload is keyed by the uploadId
 * the laptop chose: `begin` on a known id returns the stored state (a replay stores nothing new),
 * chunks are idempotent per index, and `complete` assembles the chunks once, checks size and
 * SHA-256, writes central/<uploadId> in the data dir and drops the chunks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CentralUpload } from '../api/central.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';

export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 512 * 1024;

export interface UploadHeader {
  uploadId: string;
  site: { name: string; customer?: string | undefined; address?: string | undefined; technician?: string | undefined };
  kind: 'report' | 'discovery' | 'inventory';
  metadata: Record<string, unknown>;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  chunkSize: number;
}

export interface UploadState {
  uploadId: string;
  state: 'open' | 'complete';
  sizeBytes: number;
  sha256: string;
  totalChunks: number;
  /** Chunk indexes still to send (empty when complete). */
  missingChunks: number[];
}

interface Row {
  upload_id: string;
  site_id: string;
  site_name: string;
  kind: CentralUpload['kind'];
  metadata: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  chunk_size: number;
  total_chunks: number;
  state: 'open' | 'complete';
  created_at: number;
  completed_at: number | null;
  received: number;
  user_name: string | null;
}

export function createCentralStore(db: Db, dataDir: string, clock: Clock) {
  const dir = path.join(dataDir, 'central');
  const file = (uploadId: string) => path.join(dir, uploadId);
  const SELECT = `SELECT u.*, s.name AS site_name, (SELECT count(*) FROM central_upload_chunks c WHERE c.upload_id = u.upload_id) AS received
                  FROM central_uploads u JOIN central_sites s ON s.id = u.site_id`;
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE u.upload_id = ?`);

  function state(r: Row): UploadState {
    const have = new Set(db.prepare<[string], { n: number }>('SELECT n FROM central_upload_chunks WHERE upload_id = ?').all(r.upload_id).map((c) => c.n));
    const missing = r.state === 'complete' ? [] : Array.from({ length: r.total_chunks }, (_, i) => i).filter((i) => !have.has(i));
    return { uploadId: r.upload_id, state: r.state, sizeBytes: r.size_bytes, sha256: r.sha256, totalChunks: r.total_chunks, missingChunks: missing };
  }

  function upsertSite(site: UploadHeader['site']): string {
    const now = clock.now();
    const existing = db.prepare<[string], { id: string }>('SELECT id FROM central_sites WHERE name = ? COLLATE NOCASE').get(site.name);
    if (existing) {
      db.prepare(
        `UPDATE central_sites SET last_seen = ?, customer = coalesce(nullif(?, ''), customer), address = coalesce(nullif(?, ''), address),
           technician = coalesce(nullif(?, ''), technician) WHERE id = ?`,
      ).run(now, site.customer ?? '', site.address ?? '', site.technician ?? '', existing.id);
      return existing.id;
    }
    const id = crypto.randomUUID();
    db.prepare('INSERT INTO central_sites (id, name, customer, address, technician, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, site.name, site.customer ?? '', site.address ?? '', site.technician ?? '', now, now,
    );
    return id;
  }

  function row(uploadId: string): Row {
    const r = byId.get(uploadId);
    if (!r) throw new NotFoundError(`No upload ${uploadId}; start it with POST /api/v1/central/uploads.`);
    return r;
  }

  function complete(uploadId: string): UploadState {
    const r = row(uploadId);
    if (r.state === 'complete') return state(r);
    const s = state(r);
    if (s.missingChunks.length) throw new AppError('conflict', `Upload ${uploadId} is missing chunks ${s.missingChunks.slice(0, 20).join(', ')}.`);
    const chunks = db.prepare<[string], { data: Buffer }>('SELECT data FROM central_upload_chunks WHERE upload_id = ? ORDER BY n').all(uploadId);
    const content = Buffer.concat(chunks.map((c) => c.data));
    const sha = crypto.createHash('sha256').update(content).digest('hex');
    if (content.length !== r.size_bytes || sha !== r.sha256) {
      // Corrupt chunks: drop them so the laptop sends them again.
      db.prepare('DELETE FROM central_upload_chunks WHERE upload_id = ?').run(uploadId);
      throw new ValidationError(`Upload ${uploadId} does not match its size or SHA-256; its chunks were dropped, send them again.`);
    }
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file(uploadId)}.part`;
    fs.writeFileSync(tmp, content, { mode: 0o600 });
    fs.renameSync(tmp, file(uploadId));
    db.transaction(() => {
      db.prepare("UPDATE central_uploads SET state = 'complete', completed_at = ? WHERE upload_id = ?").run(clock.now(), uploadId);
      db.prepare('DELETE FROM central_upload_chunks WHERE upload_id = ?').run(uploadId);
    })();
    return state(row(uploadId));
  }

  function putChunk(uploadId: string, n: number, data: Buffer): UploadState {
    const r = row(uploadId);
    if (r.state === 'complete') return state(r);
    if (!Number.isInteger(n) || n < 0 || n >= r.total_chunks) throw new ValidationError(`Chunk ${n} is out of range: this upload has chunks 0-${r.total_chunks - 1}.`);
    const expected = n === r.total_chunks - 1 ? r.size_bytes - n * r.chunk_size : r.chunk_size;
    if (data.length !== expected) throw new ValidationError(`Chunk ${n} must be ${expected} bytes, got ${data.length}.`);
    db.prepare('INSERT INTO central_upload_chunks (upload_id, n, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(uploadId, n, data);
    return state(row(uploadId));
  }

  return {
    /**
     * Starts an upload, or returns the stored state of a known uploadId (a replay: nothing new is
     * stored). `created` tells the two apart. A known id with other content is a conflict.
     */
    /** `by`: the user whose token sent it (recorded on a new upload; a replay keeps the first). */
    begin(h: UploadHeader, content?: Buffer, by?: { id: string; name: string }): { created: boolean; state: UploadState } {
      if (h.size > MAX_UPLOAD_BYTES) throw new ValidationError(`Uploads are at most ${MAX_UPLOAD_BYTES} bytes.`);
      const known = byId.get(h.uploadId);
      if (known) {
        if (known.sha256 !== h.sha256 || known.size_bytes !== h.size) throw new ConflictError(`Upload ${h.uploadId} already exists with other content; use a new upload id.`);
        if (content && known.state === 'open') {
          return { created: false, state: wholeBody(h.uploadId, known, content) };
        }
        return { created: false, state: state(known) };
      }
      const chunkSize = Math.min(MAX_CHUNK_BYTES, Math.max(1024, h.chunkSize));
      const total = Math.max(1, Math.ceil(h.size / chunkSize));
      db.transaction(() => {
        const siteId = upsertSite(h.site);
        db.prepare(
          `INSERT INTO central_uploads (upload_id, site_id, kind, metadata, filename, mime_type, size_bytes, sha256, chunk_size, total_chunks, state, created_at, user_id, user_name)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
        ).run(h.uploadId, siteId, h.kind, JSON.stringify(h.metadata), h.filename, h.mimeType, h.size, h.sha256, chunkSize, total, clock.now(), by?.id ?? null, by?.name ?? null);
      })();
      const r = row(h.uploadId);
      return { created: true, state: content ? wholeBody(h.uploadId, r, content) : state(r) };
    },
    putChunk,
    complete,
    status: (uploadId: string): UploadState => state(row(uploadId)),

    sites() {
      return db
        .prepare<[], { id: string; name: string; customer: string; address: string; technician: string; first_seen: number; last_seen: number; uploads: number }>(
          `SELECT s.*, (SELECT count(*) FROM central_uploads u WHERE u.site_id = s.id AND u.state = 'complete') AS uploads FROM central_sites s ORDER BY s.name COLLATE NOCASE`,
        )
        .all()
        .map((s) => ({ id: s.id, name: s.name, customer: s.customer, address: s.address, technician: s.technician, uploads: s.uploads, firstSeen: s.first_seen, lastSeen: s.last_seen }));
    },

    uploads(f: { siteId?: string | undefined; kind?: string | undefined; limit: number }): CentralUpload[] {
      return db
        .prepare<{ site: string | null; kind: string | null; limit: number }, Row>(
          `${SELECT} WHERE (@site IS NULL OR u.site_id = @site) AND (@kind IS NULL OR u.kind = @kind) ORDER BY u.created_at DESC, u.upload_id LIMIT @limit`,
        )
        .all({ site: f.siteId ?? null, kind: f.kind ?? null, limit: f.limit })
        .map((r) => ({
          uploadId: r.upload_id,
          siteId: r.site_id,
          siteName: r.site_name,
          kind: r.kind,
          metadata: JSON.parse(r.metadata) as Record<string, unknown>,
          filename: r.filename,
          mimeType: r.mime_type,
          sizeBytes: r.size_bytes,
          sha256: r.sha256,
          state: r.state,
          receivedChunks: r.state === 'complete' ? r.total_chunks : r.received,
          totalChunks: r.total_chunks,
          createdAt: r.created_at,
          completedAt: r.completed_at,
          uploadedBy: r.user_name,
        }));
    },

    content(uploadId: string): { filename: string; mimeType: string; data: Buffer } {
      const r = row(uploadId);
      if (r.state !== 'complete') throw new ValidationError(`Upload ${uploadId} is not complete yet.`);
      return { filename: r.filename, mimeType: r.mime_type, data: fs.readFileSync(file(uploadId)) };
    },
  };

  /** A whole body in one request: stored as its chunks, then completed at once. */
  function wholeBody(uploadId: string, r: Row, content: Buffer): UploadState {
    if (content.length !== r.size_bytes) throw new ValidationError(`The content is ${content.length} bytes; the header says ${r.size_bytes}.`);
    for (let n = 0; n < r.total_chunks; n++) putChunk(uploadId, n, content.subarray(n * r.chunk_size, Math.min(content.length, (n + 1) * r.chunk_size)));
    return complete(uploadId);
  }
}

export type CentralStore = ReturnType<typeof createCentralStore>;
