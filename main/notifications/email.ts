/**
 * Email delivery over SMTP with nodemailer: TLS from the start (465), STARTTLS required (587) or
 * plain (lab only), optional auth. Failures are sorted into "retry later" (network, 4xx) and
 * permanent (5xx, refused credentials or recipients, TLS misconfiguration), each with a sentence
 * a technician can act on. The password never appears in a message.
 */
import net from 'node:net';
import nodemailer from 'nodemailer';
import type { EmailSettings } from './channels-repo.ts';
import type { EmailContent } from './render.ts';

export interface EmailFailure {
  permanent: boolean;
  message: string;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  cause?: unknown;
}

/** Classifies a nodemailer error and words it for the user. */
export function describeSmtpError(err: unknown, s: Pick<EmailSettings, 'host' | 'port' | 'security'>): EmailFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpError;
  const where = `SMTP server ${s.host}:${s.port}`;
  const raw = `${e.message ?? ''} ${e.code ?? ''}`;
  const response = (e.response ?? '').trim().slice(0, 300);
  if (/ECONNREFUSED/.test(raw)) return { permanent: false, message: `Cannot connect to the ${where}: connection refused (is the server running and the port right?)` };
  if (/ENOTFOUND|EAI_AGAIN|EDNS/.test(raw)) return { permanent: false, message: `Cannot find the SMTP host "${s.host}" (DNS lookup failed)` };
  if (/EHOSTUNREACH|ENETUNREACH/.test(raw)) return { permanent: false, message: `Cannot reach the ${where}: no route to the host (no network?)` };
  if (/ETIMEDOUT|timeout/i.test(raw) && e.responseCode === undefined) return { permanent: false, message: `No answer from the ${where} in time (timed out)` };
  if (/ECONNRESET|ESOCKET|EPIPE/.test(raw) && e.responseCode === undefined) {
    const tlsHint = s.security === 'tls' ? ' (security "tls" expects TLS from the first byte, usually port 465; try "starttls" on 587)' : '';
    return { permanent: false, message: `The ${where} closed the connection: ${e.message ?? 'socket error'}${tlsHint}` };
  }
  if (e.code === 'ETLS' || /STARTTLS|certificate|self.signed|wrong version number|SSL/i.test(raw)) {
    return { permanent: true, message: `TLS with the ${where} failed: ${e.message ?? 'TLS error'}. Check the security setting (tls on 465, starttls on 587) or allow self-signed certificates.` };
  }
  if (e.code === 'EAUTH') return { permanent: true, message: `The ${where} refused the user name or password${response ? `: ${response}` : ''}` };
  if (e.code === 'ENOAUTH') return { permanent: true, message: `The ${where} requires authentication: set a user name and password` };
  if (e.code === 'EENVELOPE') {
    const temporary = e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500;
    return { permanent: !temporary, message: `The ${where} refused the sender or a recipient${response ? `: ${response}` : ''}` };
  }
  if (e.responseCode !== undefined) {
    const temporary = e.responseCode >= 400 && e.responseCode < 500;
    return { permanent: !temporary, message: `The ${where} answered ${e.responseCode}${response ? `: ${response}` : ''}` };
  }
  return { permanent: false, message: `Sending through the ${where} failed: ${e.message ?? String(err)}` };
}

export class EmailError extends Error {
  readonly permanent: boolean;
  constructor(failure: EmailFailure, cause: unknown) {
    super(failure.message, { cause });
    this.permanent = failure.permanent;
  }
}

/** Sends one message. `messageId` makes a replay recognisable (the alert event id). Throws EmailError. */
export async function sendEmail(s: EmailSettings, content: EmailContent, ids: { messageId: string; eventId: string }, timeoutMs = 20_000): Promise<void> {
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    ...(s.username ? { auth: { user: s.username, pass: s.password ?? '' } } : {}),
    tls: { rejectUnauthorized: !s.allowSelfSigned, ...(net.isIP(s.host) ? {} : { servername: s.host }) },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: s.from,
      to: s.to,
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId: `<${ids.messageId}@wardflux.invalid>`,
      headers: { 'X-WardFlux-Event-Id': ids.eventId },
    });
  } catch (err) {
    throw new EmailError(describeSmtpError(err, s), err);
  } finally {
    transport.close();
  }
}
