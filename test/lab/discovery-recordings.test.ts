/**
 * Discovery of recorded real devices, end to end: snmpsim serves six captures of the classifier
 * corpus (test/fixtures/devices/: an Arista switch, a FortiGate, a Synology NAS whose family is
 * known only from the extra GET, a Catalyst 2960-X stack, an HP printer, an Eaton UPS) on lab
 * addresses. `wardflux discover` (a child process, as a user runs it) and the contract (an
 * engine: discovery.start, addToMonitoring, the inventory report) must name each as the
 * classifier names its recording, agree with LibreNMS's type for it, and carry the serial the
 * recording's ENTITY-MIB chassis holds onto the device and into the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { DiscoveryHost, DiscoveryJob } from '../../main/api/discovery.ts';
import { classify } from '../../main/discovery/classifier.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { typeAgrees } from '../support/classification-score.ts';
import { CORPUS_DIR, parseCorpusFile, type CorpusDevice } from '../support/device-corpus.ts';
import { testEngine } from '../support/engine.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { waitForEvent } from './discovery-support.ts';
import { startSnmpsim, type SnmpsimAgent } from './snmpsim-agent.ts';

const RECORDINGS = ['arista_eos', 'fortigate_100e', 'dsm', 'ios_2960x', 'jetdirect', 'eatonupsm2_9px+empg2'] as const;
const hostName = (r: string): string => r.replace(/[^a-z0-9]/g, '');

describeLab('discovery: recordings of real devices served by snmpsim', () => {
  let lab: Lab;
  const agents: SnmpsimAgent[] = [];
  const corpus = new Map<string, CorpusDevice>();
  const dir = tempDir();
  let cli: Map<string, DiscoveryHost>;

  beforeAll(async () => {
    lab = await createLab({ name: 'disc-rec', probe: 'root', hosts: RECORDINGS.map((r, i) => ({ name: hostName(r), octet: 40 + i })) });
    for (const r of RECORDINGS) {
      const file = join(CORPUS_DIR, `${r}.snmprec`);
      corpus.set(r, parseCorpusFile(r, readFileSync(file, 'utf8'), file));
      agents.push(await startSnmpsim(lab.labNamespace, lab.hosts[hostName(r)]!, file));
    }
    const out = await runCli(['discover', lab.prefix, '-c', 'public', '--no-dns', '--timeout', '1000', '--json'], { ...process.env, WARD_DATA_DIR: dir.dir });
    expect(out.code, out.stderr).toBe(0);
    cli = new Map((JSON.parse(out.stdout) as { results: DiscoveryHost[] }).results.map((h) => [h.address, h]));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await lab?.destroy();
    dir.cleanup();
  });

  it('the CLI names each recorded device as the classifier names its recording, and as LibreNMS types it', () => {
    for (const r of RECORDINGS) {
      const d = corpus.get(r)!;
      const expected = classify(d.full);
      const got = cli.get(lab.hosts[hostName(r)]!);
      expect(got, r).toBeDefined();
      expect({ vendor: got!.vendor, model: got!.model, os: got!.os }, r).toEqual({ vendor: expected.vendor, model: expected.model, os: expected.os });
      expect(typeAgrees(got!.type, d.expect.type), `${r}: ${got!.type} vs LibreNMS ${d.expect.type}`).toBe(true);
      expect(got!.serial ?? null, r).toBe(d.full.evidence?.entity?.serial ?? null);
    }
    // The Synology is told from Linux only by its family's extra GET (SYNOLOGY-SYSTEM-MIB answers).
    expect(cli.get(lab.hosts.dsm!)).toMatchObject({ type: 'nas', vendor: 'Synology', os: 'DSM' });
    expect(cli.get(lab.hosts.dsm!)!.reasons.join('\n')).toMatch(/1\.3\.6\.1\.4\.1\.6574\.1\.1\.0 answers → Synology DSM/);
    expect(cli.get(lab.hosts.aristaeos!)).toMatchObject({ vendor: 'Arista', os: 'EOS', serial: 'JPE00000000' });
  });

  it('through the contract: discovery, add to monitoring, and the inventory report carry model and serial', async () => {
    const engine = await testEngine({ icmp: { method: 'raw', ratePerSec: 5000 }, logger: createLogger({ level: 'error' }) });
    try {
      const cred = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
      const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 90_000, 'discovery.finished');
      await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], credentialIds: [cred.id], timeoutMs: 1000, reverseDns: false }));
      const job: DiscoveryJob = await finished;
      const page = await unwrap(engine.api.call('discovery.get', { jobId: job.id, limit: 1000 }));
      const by = new Map(page.results.map((h) => [h.address, h]));
      for (const r of RECORDINGS) {
        const a = lab.hosts[hostName(r)]!;
        expect({ type: by.get(a)?.type, vendor: by.get(a)?.vendor, model: by.get(a)?.model, serial: by.get(a)?.serial }, r).toEqual({
          type: cli.get(a)!.type,
          vendor: cli.get(a)!.vendor,
          model: cli.get(a)!.model,
          serial: cli.get(a)!.serial,
        });
      }
      const switches = [lab.hosts.aristaeos!, lab.hosts.ios2960x!];
      const added = await unwrap(engine.api.call('discovery.addToMonitoring', { jobId: job.id, addresses: switches }));
      const devices = await Promise.all(added.results.map((x) => unwrap(engine.api.call('devices.get', { id: x.deviceId! }))));
      expect(devices.map((d) => d.serial).sort()).toEqual(['FCW1929B68S', 'JPE00000000']);
      const gen = await unwrap(engine.api.call('reports.generate', { kind: 'inventory', from: Date.now() - 86_400_000, to: Date.now() + 60_000, format: 'csv' }));
      await engine.areas.reports.wait(gen.reportId);
      const csv = (await unwrap(engine.api.call('reports.download', { id: gen.reportId }))).content;
      expect(csv).toContain('JPE00000000');
      expect(csv).toContain('FCW1929B68S');
    } finally {
      await engine.close();
    }
  }, 150_000);
});
