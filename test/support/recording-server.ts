import { startWebhookSink, type WebhookSink } from '../../main/notifications/testing/peers.ts';
import type { Later } from './cleanups.ts';

/** An HTTP server on 127.0.0.1 that records every request (a webhook sink), by its root URL; `later` stops it. */
export async function recordingServer(later: Later): Promise<{ url: string; sink: WebhookSink }> {
  const sink = later(await startWebhookSink());
  return { url: `${new URL(sink.url).origin}/`, sink };
}
