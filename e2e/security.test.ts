import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { until } from '../test/support/until.ts';
import { CHROMIUM, screenshot, signInWithPrintedUrl } from './support/browser.ts';

/**
 * The attacks of a web page on a technician's running `wardflux serve`, in a real Chromium whose
 * user is signed in to the host in another tab:
 * - a page of another port of 127.0.0.1 (same site, so the browser sends the session cookie);
 * - a DNS-rebinding page: `evil.test` first served by the attacker, then resolving to 127.0.0.1
 *   (the browser's host resolver maps the name; Playwright serves the attacker's first page).
 * Each page tries the WebSocket contract, a credentialed read and a state-changing POST. Nothing
 * may come back, and nothing may change. Only loopback is used.
 */

/** What the attacker's script tries; it writes its findings to window.__findings. */
const ATTACK = (target: string) => `<!doctype html><meta charset="utf-8"><title>attacker</title><script>
const findings = { ws: [], read: null, write: null, done: false };
window.__findings = findings;
const ws = new WebSocket('${target.replace('http', 'ws')}/api/v1/ws');
ws.onopen = () => { findings.ws.push('open'); ws.send(JSON.stringify({ type: 'call', id: 1, name: 'credentials.list', input: {} })); };
ws.onmessage = (e) => findings.ws.push('message:' + e.data);
ws.onclose = (e) => { findings.ws.push('close:' + e.code); finish(); };
fetch('${target}/api/v1/settings', { credentials: 'include' }).then((r) => r.text()).then((t) => { findings.read = 'read:' + t; }, (e) => { findings.read = 'blocked:' + e.name; });
fetch('${target}/api/v1/rpc/devices.create', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'planted', address: '198.18.0.66' }) })
  .then((r) => { findings.write = 'sent:' + r.type; }, (e) => { findings.write = 'blocked:' + e.name; });
function finish() { setTimeout(() => { findings.done = findings.read !== null && findings.write !== null; if (!findings.done) finish(); }, 50); }
</script>`;

interface Findings {
  ws: string[];
  read: string;
  write: string;
  done: boolean;
}

describe('a web page cannot drive a running host through the signed-in browser', () => {
  const data = tempDir();
  let serve: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let victim: Page;
  let attacker: http.Server;
  let attackerUrl: string;
  let port: number;

  beforeAll(async () => {
    serve = await startServeProcess(data.dir);
    port = Number(new URL(serve.url).port);
    attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ATTACK(serve.url)));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // evil.test resolves to this machine, as a rebinding DNS server would make it.
        '--host-resolver-rules=MAP evil.test 127.0.0.1',
        // Chromium's own local-network checks would stop some of these attempts before the host
        // sees them; they are off so that the test measures the host's defence, not the browser's.
        '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
      ],
    });
    context = await browser.newContext();
    victim = await context.newPage();
    await signInWithPrintedUrl(victim, serve);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    if (serve) expect(await serve.stop()).toBe(0);
    data.cleanup();
  });

  /** The number of devices, read by the signed-in tab. */
  const devices = () => victim.evaluate(() => fetch('/api/v1/devices').then((r) => r.json())) as Promise<{ data: { total: number } }>;

  async function attack(page: Page, url: string): Promise<Findings> {
    await page.goto(url);
    return until(() => page.evaluate(() => (window as unknown as { __findings: Findings }).__findings).then((f) => (f.done ? f : undefined)), 10_000, 'the attack to finish');
  }

  it('a page of another port of 127.0.0.1 gets no answer and changes nothing, though the browser sends the cookie', async () => {
    expect((await devices()).data.total).toBe(0);
    const page = await context.newPage();
    const f = await attack(page, attackerUrl);
    expect(f.ws.some((m) => m.startsWith('message:'))).toBe(false);
    expect(f.ws).not.toContain('open');
    expect(f.read).toMatch(/^blocked:/);
    expect((await devices()).data.total).toBe(0);
    await until(() => /origin not allowed/.test(serve.stderr()), 5000, 'the host to log the refusal');
    await page.close();
  });

  it('a DNS-rebinding page (evil.test → 127.0.0.1) is refused by the Host allow-list', async () => {
    const page = await context.newPage();
    // The attacker's own server answers the first load of http://evil.test:PORT/; afterwards the
    // name points at 127.0.0.1, so the page's requests go to the WARD FLUX host.
    const entry = `http://evil.test:${port}/innocent`;
    await page.route(entry, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: ATTACK(`http://evil.test:${port}`) }));
    const f = await attack(page, entry);
    expect(f.ws).not.toContain('open');
    expect(f.ws.some((m) => m.startsWith('message:'))).toBe(false);
    // Same origin for the page, so it may read the answer: a 421 with no data.
    expect(f.read).not.toMatch(/"ok":true/);
    expect((await devices()).data.total).toBe(0);
    await until(() => /host not allowed/.test(serve.stderr()), 5000, 'the host to log the refusal');

    // Loading the host through the foreign name shows no UI at all.
    await page.unroute(entry);
    const res = await page.goto(`http://evil.test:${port}/`);
    expect(res?.status()).toBe(421);
    expect(await page.content()).not.toContain('id="root"');
    await screenshot(page, 'security-rebinding-421');
    await page.close();
  });

  it('a tab without the session sees the sign-in screen, never the engine', async () => {
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    await page.goto(`${serve.url}/#/settings`);
    await page.getByRole('heading', { name: /Sign in/ }).waitFor();
    await screenshot(page, 'security-sign-in');
    await stranger.close();
  });
});
