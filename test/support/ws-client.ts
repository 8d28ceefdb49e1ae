import WebSocket from 'ws';
import type { ServerMessage } from '../../main/api/wire.ts';

/** Collects a WebSocket's messages; `next(type)` waits for the next of that type, with a deadline. */
export function wsClient(url: string, headers?: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const queue: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    queue.push(JSON.parse(data.toString()) as ServerMessage);
    waiters.splice(0).forEach((w) => w());
  });
  const next = async <T extends ServerMessage['type']>(type: T, timeoutMs = 3000): Promise<Extract<ServerMessage, { type: T }>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return queue.splice(i, 1)[0] as Extract<ServerMessage, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  };
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  /** The HTTP status when the upgrade was refused (the socket then closes with 1006). */
  const refused = new Promise<number | undefined>((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => resolve(undefined));
  });
  ws.on('error', () => {});
  return { ws, next, closed, refused, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

