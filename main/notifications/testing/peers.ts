/**
 * Real peers for notification tests: an SMTP server (the smtp-server package, self-signed TLS,
 * STARTTLS, optional auth) that keeps every message it receives, and an HTTP server that keeps
 * every webhook POST. Both listen on 127.0.0.1 on a free port and wait with deadlines, never sleeps.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header value of the first header with this name (unfolded), or undefined. */
  header(name: string): string | undefined;
  /** The message with quoted-printable soft breaks and =XX escapes undone (for text checks). */
  decoded: string;
}

function waitFor<T>(list: T[], count: number, timeoutMs: number, what: string, subscribe: (wake: () => void) => () => void): Promise<T[]> {
  if (list.length >= count) return Promise.resolve(list.slice(0, count));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} ${what} (got ${list.length})`));
    }, timeoutMs);
    const off = subscribe(() => {
      if (list.length >= count) {
        clearTimeout(timer);
        off();
        resolve(list.slice(0, count));
      }
    });
  });
}

function decodeQp(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Every AUTH a client attempted, right or wrong, as received. */
  authAttempts: { username: string; password: string }[];
  /** Resolves with the first `count` mails, or rejects after the deadline. */
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** An SMTP server. With `auth`, clients must log in with that user and password (over STARTTLS). */
export async function startSmtpSink(options: { port?: number; auth?: { user: string; pass: string }; rejectRecipient?: string } = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const authAttempts: SmtpSink['authAttempts'] = [];
  const listeners = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: !options.auth,
    disabledCommands: options.auth ? [] : ['AUTH'],
    logger: false,
    onAuth(auth, _session, cb) {
      authAttempts.push({ username: auth.username ?? '', password: auth.password ?? '' });
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (options.rejectRecipient && address.address === options.rejectRecipient) {
        const err = new Error('No such mailbox') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headerText = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          decoded: decodeQp(raw),
          header: (name) => headerText.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim(),
        });
        for (const l of [...listeners]) l();
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    authAttempts,
    waitForMails: (count, timeoutMs = 10_000) =>
      waitFor(mails, count, timeoutMs, 'mails', (wake) => {
        listeners.add(wake);
        return () => listeners.delete(wake);
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedPost {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WebhookSink {
  url: string;
  posts: ReceivedPost[];
  /** Status to answer the next POSTs with (default 200). */
  respondWith(status: number): void;
  waitForPosts(count: number, timeoutMs?: number): Promise<ReceivedPost[]>;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const posts: ReceivedPost[] = [];
  const listeners = new Set<() => void>();
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'refused by the test server');
      if (status < 300) {
        posts.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        for (const l of [...listeners]) l();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    posts,
    respondWith: (s) => {
      status = s;
    },
    waitForPosts: (count, timeoutMs = 10_000) =>
      waitFor(posts, count, timeoutMs, 'webhook posts', (wake) => {
        listeners.add(wake);
        return () => listeners.delete(wake);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
