import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedKey, testEngine } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { freeLoopbackPort, until } from '../../test/support/until.ts';
import { createEngine } from '../engine.ts';
import { startHost } from '../host/server.ts';
import { CENTRAL_TOPIC } from './uploader.ts';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const FAST_RETRY = { baseDelayMs: 40, maxDelayMs: 150, maxAttempts: 1000 };

async function centralEngine() {
  const central = await testEngine({ central: { mode: true } });
  open.push(central);
  const ui = tempDir();
  open.push({ close: () => ui.cleanup() });
  return { central, token: central.tokens.create('laptops').token, rendererDir: ui.dir };
}

describe('central WARD FLUX', () => {
  it('a report queued while the central is down arrives exactly once, across a laptop restart; a replay stores nothing new', async () => {
    const { central, token, rendererDir } = await centralEngine();
    const port = await freeLoopbackPort();
    const data = tempDir();
    open.push({ close: () => data.cleanup() });

    // The laptop: a site, a device, a finished PDF report, the central's URL and token.
    const laptop1 = await createEngine({ dataDir: data.dir, secrets: fixedKey(), pollers: false, central: { retry: FAST_RETRY } });
    let laptop1Stopped = false;
    open.push({ close: () => (laptop1Stopped ? undefined : laptop1.stop()) });
    await laptop1.api.call('settings.set', { siteName: 'Harbour Office', technician: 'Dana' });
    await laptop1.api.call('devices.create', { name: 'core-sw', address: '198.18.0.2' });
    const gen = await laptop1.api.call('reports.generate', { kind: 'inventory', from: Date.now() - 86_400_000, to: Date.now(), format: 'pdf' });
    if (!gen.ok) throw new Error(gen.error.message);
    const meta = await laptop1.areas.reports.wait(gen.data.reportId);
    expect(meta.status).toBe('done');
    const reportBytes = laptop1.areas.reports.content(meta.id).data;
    expect((await laptop1.api.call('central.setTarget', { url: `http://127.0.0.1:${port}/`, token })).ok).toBe(true);
    const target = await laptop1.api.call('central.getTarget', {});
    expect(target).toMatchObject({ ok: true, data: { hasToken: true, enabled: true } });
    expect(JSON.stringify(target)).not.toContain(token);

    await laptop1.start();
    const queued = await laptop1.api.call('central.enqueue', { kind: 'report', reportId: meta.id });
    if (!queued.ok) throw new Error(queued.error.message);
    const { uploadId } = queued.data;
    // The central is not listening: deliveries fail and are retried.
    await until(() => laptop1.areas.outbox.list({ topic: CENTRAL_TOPIC }).find((e) => e.attempts >= 2 && e.lastError), 10_000, 'failed delivery attempts');
    expect(laptop1.areas.outbox.list({ topic: CENTRAL_TOPIC })[0]!.state).toBe('pending');
    // The lid closes.
    await laptop1.stop();
    laptop1Stopped = true;

    // The central comes up; the laptop opens again (same data directory) and delivers.
    const host = await startHost({ engine: central, host: '127.0.0.1', port, rendererDir });
    open.push(host);
    const laptop2 = await createEngine({ dataDir: data.dir, secrets: fixedKey(), pollers: false, central: { retry: FAST_RETRY } });
    open.push({ close: () => laptop2.stop() });
    await laptop2.start();
    await until(() => laptop2.areas.outbox.list({ topic: CENTRAL_TOPIC }).find((e) => e.state === 'delivered'), 10_000, 'the upload delivered');

    const uploads = await central.api.call('central.uploads', {});
    if (!uploads.ok) throw new Error(uploads.error.message);
    expect(uploads.data.items).toHaveLength(1);
    expect(uploads.data.items[0]).toMatchObject({ uploadId, kind: 'report', state: 'complete', siteName: 'Harbour Office', mimeType: 'application/pdf', sizeBytes: reportBytes.length });
    const download = await central.api.call('central.download', { uploadId });
    if (!download.ok) throw new Error(download.error.message);
    expect(Buffer.from(download.data.content, 'base64').equals(reportBytes)).toBe(true);
    const sites = await central.api.call('central.sites', {});
    expect(sites.ok && sites.data.map((s) => [s.name, s.uploads, s.technician])).toEqual([['Harbour Office', 1, 'Dana']]);
    expect((await central.api.call('health', {})).ok && ((await central.api.call('health', {})) as { data: { central: boolean } }).data.central).toBe(true);

    // A replay of the same upload (a lost response, say): 200, the same result, nothing new stored.
    const body = {
      uploadId,
      site: { name: 'Harbour Office' },
      kind: 'report',
      metadata: {},
      filename: meta.filename,
      mimeType: 'application/pdf',
      size: reportBytes.length,
      sha256: crypto.createHash('sha256').update(reportBytes).digest('hex'),
      content: reportBytes.toString('base64'),
    };
    const replay = await fetch(`${host.url}/api/v1/central/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ ok: true, data: { uploadId, state: 'complete', missingChunks: [] } });
    const after = await central.api.call('central.uploads', {});
    expect(after.ok && after.data.items.length).toBe(1);
    // The same id with other content is refused.
    const other = await fetch(`${host.url}/api/v1/central/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, size: 3, sha256: crypto.createHash('sha256').update('abc').digest('hex'), content: Buffer.from('abc').toString('base64') }),
    });
    expect(other.status).toBe(409);
  });

  it('chunked uploads resume: only missing chunks are sent again, the file is assembled once and checked', async () => {
    const { central, token, rendererDir } = await centralEngine();
    const host = await startHost({ engine: central, host: '127.0.0.1', port: 0, rendererDir });
    open.push(host);
    const content = crypto.randomBytes(600 * 1024);
    const uploadId = crypto.randomUUID();
    const chunkSize = 256 * 1024;
    const req = (path: string, method: string, body: unknown, auth = token) =>
      fetch(`${host.url}/api/v1/central/uploads${path}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { ok: boolean; data?: { state: string; missingChunks: number[] }; error?: { code: string } },
      }));
    const header = { uploadId, site: { name: 'Depot' }, kind: 'report', metadata: { title: 'big' }, filename: 'big.pdf', mimeType: 'application/pdf', size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), chunkSize };
    expect((await req('', 'POST', header, 'wrong-token')).status).toBe(401);
    const first = await req('', 'POST', header);
    expect(first).toMatchObject({ status: 201, body: { data: { state: 'open', missingChunks: [0, 1, 2] } } });
    const chunk = (n: number) => content.subarray(n * chunkSize, Math.min(content.length, (n + 1) * chunkSize)).toString('base64');
    expect((await req(`/${uploadId}/chunks/0`, 'PUT', { data: chunk(0) })).status).toBe(200);
    // Cut off here. Completing now is refused; starting again says what is missing.
    expect((await req(`/${uploadId}/complete`, 'POST', {})).status).toBe(409);
    expect(await req('', 'POST', header)).toMatchObject({ status: 200, body: { data: { state: 'open', missingChunks: [1, 2] } } });
    expect((await req(`/${uploadId}/chunks/0`, 'PUT', { data: chunk(0) })).status).toBe(200);
    expect((await req(`/${uploadId}/chunks/2`, 'PUT', { data: chunk(1) })).status).toBe(400);
    for (const n of [1, 2]) expect((await req(`/${uploadId}/chunks/${n}`, 'PUT', { data: chunk(n) })).status).toBe(200);
    expect(await req(`/${uploadId}/complete`, 'POST', {})).toMatchObject({ status: 200, body: { data: { state: 'complete', missingChunks: [] } } });
    expect(await req(`/${uploadId}/complete`, 'POST', {})).toMatchObject({ status: 200, body: { data: { state: 'complete' } } });
    const stored = central.central.store.content(uploadId);
    expect(stored.data.equals(content)).toBe(true);
    expect(central.central.store.uploads({ limit: 10 })).toHaveLength(1);
  });

  it('a laptop engine without --central has no upload routes and refuses central procedures', async () => {
    const laptop = await testEngine();
    open.push(laptop);
    const ui = tempDir();
    open.push({ close: () => ui.cleanup() });
    const host = await startHost({ engine: laptop, host: '127.0.0.1', port: 0, rendererDir: ui.dir });
    open.push(host);
    const res = await fetch(`${host.url}/api/v1/central/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    const r = await laptop.api.call('central.uploads', {});
    expect(r.ok).toBe(false);
    const h = await laptop.api.call('health', {});
    expect(h.ok && h.data.central).toBe(false);
  });
});
