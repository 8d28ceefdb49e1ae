/**
 * Webhook delivery: a JSON POST with the channel's headers, `X-WardFlux-Event-Id` (so the peer
 * can drop a replay) and, when the channel has a secret, `X-WardFlux-Signature: sha256=<hex
 * HMAC-SHA256 of the exact body>`. 2xx is delivered; 408, 429 and 5xx and network errors are
 * retried; other 4xx and redirects are permanent (retrying would not change the answer).
 */
import crypto from 'node:crypto';
import { VERSION } from '../version.ts';
import type { WebhookSettings } from './channels-repo.ts';

export class WebhookError extends Error {
  readonly permanent: boolean;
  readonly status: number | null;
  constructor(message: string, permanent: boolean, status: number | null, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.permanent = permanent;
    this.status = status;
  }
}

/** The signature header's value for a body: `sha256=` and the hex HMAC-SHA256. */
export function signBody(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

function networkMessage(err: unknown, url: URL): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (err as { code?: string }).code ?? '';
  const where = `${url.protocol}//${url.host}`;
  if ((err as Error).name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT') return `No answer from ${where} in time (timed out)`;
  if (code === 'ECONNREFUSED') return `Cannot connect to ${where}: connection refused`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot find the host "${url.hostname}" (DNS lookup failed)`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `Cannot reach ${where}: no route to the host (no network?)`;
  if (/certificate|self.signed|SSL|TLS/i.test(`${code} ${cause?.message ?? ''}`)) return `TLS with ${where} failed: ${cause?.message ?? code}`;
  return `POST to ${where} failed: ${cause?.message ?? (err as Error).message}`;
}

/** POSTs `body`. Throws WebhookError (permanent or not) with a sentence for the user. */
export async function postWebhook(s: WebhookSettings, body: string, eventId: string): Promise<{ status: number }> {
  const url = new URL(s.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookError(`Webhook URLs must use http:// or https://, not ${url.protocol}//`, true, null);
  const headers: Record<string, string> = {
    ...s.headers,
    'content-type': 'application/json; charset=utf-8',
    'user-agent': `WARD-FLUX/${VERSION}`,
    'x-wardflux-event-id': eventId,
  };
  if (s.secret) headers['x-wardflux-signature'] = signBody(s.secret, body);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(s.timeoutSec * 1000) });
  } catch (err) {
    throw new WebhookError(networkMessage(err, url), false, null, err);
  }
  // Read (and bound) the answer so the connection is released; its text helps explain a refusal.
  const text = (await res.text().catch(() => '')).slice(0, 300).trim();
  if (res.status >= 200 && res.status < 300) return { status: res.status };
  const detail = text ? `: ${text}` : '';
  if (res.status >= 300 && res.status < 400) {
    throw new WebhookError(`${url.host} answered ${res.status} (redirect to ${res.headers.get('location') ?? '?'}); use the final URL in the channel`, true, res.status);
  }
  const temporary = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new WebhookError(`${url.host} answered HTTP ${res.status}${detail}`, !temporary, res.status);
}
