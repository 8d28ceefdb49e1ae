/**
 * What a notification says: email subject, text and HTML bodies, the webhook's JSON body (default
 * or from the channel's template with {{alert.*}} / {{event.*}} placeholders) and the desktop
 * title. Pure functions of the notice(s), so a message reads the same on every retry.
 */
import type { Alert } from '../api/alerts.ts';
import { ValidationError } from '../errors.ts';

/** One alert event, as queued for a channel (a snapshot: later changes do not alter it). */
export interface AlertNotice {
  eventId: string;
  type: 'firing' | 'resolved' | 'acknowledged' | 'test';
  at: number;
  /** What this event says (a resolution's summary differs from the firing's, kept in alert.summary). */
  summary: string;
  alert: Alert;
  device: { id: string; name: string; tags: string[] } | null;
  actor: string | null;
  comment: string | null;
}

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** Every placeholder a template may use, with how to read it off a notice. */
const PLACEHOLDERS: Record<string, (n: AlertNotice) => string | number | null> = {
  'alert.id': (n) => n.alert.id,
  'alert.ruleName': (n) => n.alert.ruleName,
  'alert.ruleId': (n) => n.alert.ruleId,
  'alert.kind': (n) => n.alert.kind,
  'alert.severity': (n) => n.alert.severity,
  'alert.state': (n) => n.alert.state,
  'alert.summary': (n) => n.alert.summary,
  'alert.deviceId': (n) => n.alert.deviceId,
  'alert.deviceName': (n) => n.alert.deviceName ?? n.device?.name ?? null,
  'alert.metric': (n) => n.alert.metric,
  'alert.value': (n) => n.alert.value,
  'alert.labels': (n) => JSON.stringify(n.alert.labels),
  'alert.startedAt': (n) => iso(n.alert.startedAt),
  'alert.resolvedAt': (n) => iso(n.alert.resolvedAt),
  'alert.acknowledgedBy': (n) => n.alert.acknowledgedBy,
  'event.id': (n) => n.eventId,
  'event.type': (n) => n.type,
  'event.summary': (n) => n.summary,
  'event.at': (n) => iso(n.at),
  'event.actor': (n) => n.actor,
  'event.comment': (n) => n.comment,
};
export const TEMPLATE_PLACEHOLDERS = Object.keys(PLACEHOLDERS);

const PLACEHOLDER = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;

/** JSON string content (no quotes): placeholders go inside quotes in a template. null becomes null. */
function jsonEscape(v: string | number | null): string {
  if (v === null) return 'null';
  return JSON.stringify(String(v)).slice(1, -1);
}

/** Fills a webhook body template. Unknown placeholders are a ValidationError at save time (see checkTemplate). */
export function fillTemplate(template: string, notice: AlertNotice): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const get = PLACEHOLDERS[name];
    return get ? jsonEscape(get(notice)) : whole;
  });
}

/** Refuses a template with unknown placeholders or one that is not JSON once filled in. */
export function checkTemplate(template: string): void {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((n) => !(n in PLACEHOLDERS));
  if (unknown.length) {
    throw new ValidationError(`Unknown placeholder(s) ${[...new Set(unknown)].map((n) => `{{${n}}}`).join(', ')} in the body template. Known: ${TEMPLATE_PLACEHOLDERS.map((n) => `{{${n}}}`).join(' ')}`, [
      { path: 'webhook.bodyTemplate', message: 'Unknown placeholder' },
    ]);
  }
  try {
    JSON.parse(fillTemplate(template, sampleNotice()));
  } catch (err) {
    throw new ValidationError(`The body template is not valid JSON once filled in (${(err as Error).message}). Put placeholders inside quotes: {"text": "{{alert.summary}}"}`, [
      { path: 'webhook.bodyTemplate', message: 'Not JSON' },
    ]);
  }
}

/** A made-up notice: for template checks and for `notifications.test`. */
export function sampleNotice(at = Date.now(), eventId = '00000000-0000-4000-8000-000000000000'): AlertNotice {
  return {
    eventId,
    type: 'test',
    at,
    summary: 'Test notification from WARD FLUX: this channel works.',
    alert: {
      id: '00000000-0000-4000-8000-000000000001',
      ruleId: null,
      ruleName: 'Test notification',
      kind: 'threshold',
      source: 'wardflux',
      zabbixEventId: null,
      severity: 'info',
      state: 'firing',
      seriesKey: 'test',
      deviceId: null,
      deviceName: 'WARD FLUX',
      metric: 'test',
      labels: {},
      value: 1,
      summary: 'Test notification from WARD FLUX: this channel works.',
      startedAt: at,
      lastChangeAt: at,
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      ackComment: null,
      flapping: false,
      suppressedBy: null,
      causedBy: null,
      notified: true,
    },
    device: null,
    actor: null,
    comment: null,
  };
}

const TYPE_WORD: Record<AlertNotice['type'], string> = { firing: 'FIRING', resolved: 'RESOLVED', acknowledged: 'ACKNOWLEDGED', test: 'TEST' };

export function title(n: AlertNotice): string {
  return `${TYPE_WORD[n.type]} ${n.alert.severity}: ${n.summary}`;
}

function detailLines(n: AlertNotice): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ['Event', TYPE_WORD[n.type]],
    ['Severity', n.alert.severity],
    ['Rule', n.alert.ruleName],
    ['Device', n.alert.deviceName ?? n.device?.name ?? '-'],
  ];
  if (n.alert.metric) lines.push(['Metric', n.alert.metric + (Object.keys(n.alert.labels).length ? ` ${JSON.stringify(n.alert.labels)}` : '')]);
  if (n.alert.value !== null) lines.push(['Value', String(n.alert.value)]);
  lines.push(['Started', iso(n.alert.startedAt)]);
  if (n.alert.resolvedAt !== null) lines.push(['Resolved', iso(n.alert.resolvedAt)]);
  if (n.actor) lines.push(['By', n.actor]);
  if (n.comment) lines.push(['Comment', n.comment]);
  lines.push(['Alert id', n.alert.id], ['Event id', n.eventId]);
  return lines;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** One email for one notice, or a digest of several. */
export function emailContent(notices: readonly AlertNotice[]): EmailContent {
  const first = notices[0];
  if (!first) throw new Error('emailContent needs at least one notice');
  const subject =
    notices.length === 1
      ? `[WARD FLUX] ${title(first)}`
      : `[WARD FLUX] ${notices.length} alert events (${countsText(notices)})`;
  const text = notices.map((n) => `${title(n)}\n\n${detailLines(n).map(([k, v]) => `${k}: ${v}`).join('\n')}`).join('\n\n---\n\n') + '\n\n-- \nWARD FLUX\n';
  const html =
    '<!doctype html><html><body style="font-family:sans-serif">' +
    notices
      .map(
        (n) =>
          `<h3>${escapeHtml(title(n))}</h3><table>${detailLines(n)
            .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
            .join('')}</table>`,
      )
      .join('<hr>') +
    '<p style="color:#888">WARD FLUX</p></body></html>';
  return { subject, text, html };
}

function countsText(notices: readonly AlertNotice[]): string {
  const counts = new Map<string, number>();
  for (const n of notices) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  return [...counts].map(([t, c]) => `${c} ${t}`).join(', ');
}

function defaultJson(n: AlertNotice): unknown {
  return { eventId: n.eventId, type: n.type, at: iso(n.at), summary: n.summary, alert: n.alert, device: n.device, actor: n.actor, comment: n.comment };
}

/** The webhook body: the template filled in (or the default JSON); a digest is {digest: true, events: [...]}. */
export function webhookBody(notices: readonly AlertNotice[], template: string | undefined): string {
  const one = (n: AlertNotice): unknown => (template ? (JSON.parse(fillTemplate(template, n)) as unknown) : defaultJson(n));
  if (notices.length === 1 && notices[0]) return JSON.stringify(one(notices[0]));
  return JSON.stringify({ digest: true, count: notices.length, events: notices.map(one) });
}

export function desktopContent(notices: readonly AlertNotice[]): { title: string; body: string } {
  const first = notices[0];
  if (!first) throw new Error('desktopContent needs at least one notice');
  if (notices.length === 1) return { title: `${TYPE_WORD[first.type]}: ${first.alert.ruleName}`, body: first.summary };
  return { title: `${notices.length} alert events`, body: notices.map((n) => `${TYPE_WORD[n.type]} ${n.summary}`).join('\n').slice(0, 1000) };
}
