/**
 * Central WARD FLUX, both sides, assembled: the central target and upload queue of a laptop,
 * and (in central mode) the store of received uploads that the host's routes write to.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { CentralEnqueueInput } from '../api/central.ts';
import type { DiscoveryService } from '../discovery/jobs/discovery-service.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Outbox, RetryPolicy } from '../outbox/index.ts';
import { buildInventory } from '../reports/builders.ts';
import { type CollectDeps, collectSnapshot } from '../reports/collect.ts';
import { renderJson } from '../reports/render-text.ts';
import type { ReportService } from '../reports/report-service.ts';
import type { SitesRepo } from '../reports/sites-repo.ts';
import type { InventorySnapshot } from '../reports/types.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import { createCentralStore } from './central-store.ts';
import { createCentralTargetRepo } from './target-repo.ts';
import { CENTRAL_TOPIC, createUploadHandler, type UploadPayload } from './uploader.ts';

export interface CentralOptions {
  /** Run as a central: accept uploads (serve --central). */
  mode?: boolean;
  /** Delivery retry policy of 'central.upload' (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

export interface CentralDeps extends CentralOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  dataDir: string;
  outbox: Outbox;
  reports: ReportService;
  discovery: DiscoveryService;
  /** The devices area (inventory uploads). */
  devices: CollectDeps['devices'];
  sites: SitesRepo;
  settings: SettingsRepo;
}

export function createCentral(d: CentralDeps) {
  const target = createCentralTargetRepo(d.db, d.box, d.clock);
  const store = createCentralStore(d.db, d.dataDir, d.clock);
  d.outbox.registerHandler<UploadPayload>(
    CENTRAL_TOPIC,
    createUploadHandler({ target, reportContent: (id) => d.reports.content(id).data, ...(d.fetch ? { fetch: d.fetch } : {}) }),
    { concurrency: 2, ...d.retry },
  );

  function siteInfo(siteId: string | null | undefined) {
    const site = siteId ? d.sites.get(siteId) : d.sites.ensureDefault();
    return { site, info: { name: site.name, customer: site.customer, address: site.address, technician: site.technician || d.settings.get().technician } };
  }

  return {
    mode: d.mode === true,
    target,
    store,

    /** Queues an upload in the outbox; the content of discovery and inventory uploads is frozen now. */
    async enqueue(input: z.output<typeof CentralEnqueueInput>): Promise<{ uploadId: string; queued: boolean }> {
      const uploadId = crypto.randomUUID();
      let payload: UploadPayload;
      if (input.kind === 'report') {
        const meta = d.reports.get(input.reportId);
        if (meta.status !== 'done') throw new ValidationError(`Report ${meta.id} is ${meta.status}; only a finished report can be uploaded.`);
        const { info } = siteInfo(meta.siteId);
        payload = { uploadId, kind: 'report', site: info, metadata: { ...meta }, filename: meta.filename, mimeType: meta.mimeType, reportId: meta.id };
      } else if (input.kind === 'discovery') {
        const exported = d.discovery.export(input.jobId, 'json');
        const job = d.db.prepare<[string], { site_id: string | null }>('SELECT site_id FROM discovery_jobs WHERE id = ?').get(input.jobId);
        const { info } = siteInfo(job?.site_id);
        payload = { uploadId, kind: 'discovery', site: info, metadata: { jobId: input.jobId }, filename: exported.filename, mimeType: exported.mimeType, content: Buffer.from(exported.content).toString('base64') };
      } else {
        const { site, info } = siteInfo(input.siteId);
        const now = d.clock.now();
        const snapshot = (await collectSnapshot({ db: d.db, discovery: d.discovery, devices: d.devices }, { input: { kind: 'inventory', from: 0, to: now, topN: 20 }, site: { ...info, id: site.id, isDefault: site.isDefault }, generatedAt: now })) as InventorySnapshot;
        const json = renderJson(buildInventory(snapshot));
        payload = { uploadId, kind: 'inventory', site: info, metadata: { devices: snapshot.devices.length, takenAt: now }, filename: `inventory-${uploadId.slice(0, 8)}.json`, mimeType: 'application/json', content: Buffer.from(json).toString('base64') };
      }
      const queued = d.db.transaction(() => d.outbox.enqueue(CENTRAL_TOPIC, uploadId, payload))();
      d.outbox.kick();
      return { uploadId, queued };
    },
  };
}

export type CentralArea = ReturnType<typeof createCentral>;
