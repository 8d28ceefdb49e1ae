import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../main/api/wire.ts';
import { type ServeProcess, startServeProcess, WARDFLUX_BIN } from '../support/serve-process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';

/**
 * A client that pipelines 20,000 calls on one WebSocket must not grow the host's memory without
 * bound (before the in-flight limit, RSS went from 141 to 563 MB and stayed around 700 MB). A bound
 * on memory, not a timing: every call is answered, and RSS comes back under 250 MB.
 */

const CALLS = 20_000;
const RSS_BOUND_MB = 250;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

describe('headless host under a burst of WebSocket calls', () => {
  const data = tempDir();
  let serve: ServeProcess;
  let token: string;

  beforeAll(async () => {
    token = execFileSync(process.execPath, [WARDFLUX_BIN, '--data-dir', data.dir, 'token', 'create', '--name', 'burst'], { encoding: 'utf8' }).trim();
    serve = await startServeProcess(data.dir);
  });
  afterAll(async () => {
    if (serve) expect(await serve.stop()).toBe(0);
    data.cleanup();
  });

  it(`answers ${CALLS} pipelined calls (refusing those past the in-flight limit) and its RSS returns under ${RSS_BOUND_MB} MB`, async () => {
    const pid = serve.child.pid!;
    const ws = new WebSocket(`${serve.url.replace('http', 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${token}` } });
    let answered = 0;
    let refused = 0;
    let peak = 0;
    const done = new Promise<void>((resolve, reject) => {
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as ServerMessage;
        if (m.type === 'hello') {
          if (!m.authenticated) reject(new Error('not signed in'));
          for (let i = 0; i < CALLS; i++) ws.send(JSON.stringify({ type: 'call', id: i, name: 'devices.list', input: { limit: 500 } }));
          return;
        }
        if (m.type !== 'result') return;
        answered += 1;
        if (!m.result.ok) {
          expect(m.result.error.code).toBe('unavailable');
          refused += 1;
        }
        if (answered % 1000 === 0) peak = Math.max(peak, rssMb(pid));
        if (answered === CALLS) resolve();
      });
      ws.on('error', reject);
    });
    await done;
    ws.close();
    expect(refused).toBeGreaterThan(0);
    const settled = await until(() => {
      const mb = rssMb(pid);
      return mb < RSS_BOUND_MB ? mb : undefined;
    }, 30_000, `the host's RSS to fall under ${RSS_BOUND_MB} MB (peak ${peak.toFixed(0)} MB)`);
    expect(settled).toBeLessThan(RSS_BOUND_MB);
    // The host still serves normally afterwards.
    const health = await fetch(`${serve.url}/api/v1/health`, { headers: { authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
  });
});
