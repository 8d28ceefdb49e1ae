/**
 * A short human form of pino's JSON log lines for a terminal ("12:04:05 INFO  engine started
 * devices=3"), so `serve` on a TTY does not print raw JSON. Our own few lines instead of the
 * pino-pretty dependency.
 */
import fs from 'node:fs';
import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };
/** pino's own fields, and the message: not repeated as key=value. */
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v', 'err']);
const MAX_FIELDS = 6;
const MAX_VALUE = 80;

function short(value: unknown): string {
  const text = typeof value === 'string' ? (/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)) : JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function clock(ms: unknown): string {
  if (typeof ms !== 'number') return '--:--:--';
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/**
 * One JSON log line as one short human line (local time, level, message, up to a few other
 * fields as key=value, an error's message); a line that is not JSON is returned as it is.
 */
export function formatLogLine(line: string, options: { color?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return line.trimEnd();
    entry = parsed as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  const parts = [clock(entry.time), options.color ? `\u001b[${COLORS[level] ?? '0'}m${label}\u001b[0m` : label];
  if (typeof entry.msg === 'string' && entry.msg) parts.push(entry.msg);
  const fields = Object.entries(entry).filter(([k, v]) => !OMIT.has(k) && v !== undefined);
  parts.push(...fields.slice(0, MAX_FIELDS).map(([k, v]) => `${k}=${short(v)}`));
  if (fields.length > MAX_FIELDS) parts.push(`(+${fields.length - MAX_FIELDS} more)`);
  const err = entry.err as { message?: unknown; type?: unknown } | undefined;
  if (err && typeof err === 'object') parts.push(`error=${short(`${typeof err.type === 'string' ? `${err.type}: ` : ''}${String(err.message ?? '')}`)}`);
  return parts.join(' ');
}

/** A pino destination that writes each line in its short human form to a file descriptor (stderr). */
export function prettyDestination(options: { fd?: number; color?: boolean } = {}): DestinationStream {
  const fd = options.fd ?? 2;
  const color = options.color ?? false;
  return {
    write: (chunk: string) => {
      const lines = chunk.split('\n').filter((l) => l.trim() !== '');
      fs.writeSync(fd, lines.map((l) => `${formatLogLine(l, { color })}\n`).join(''));
    },
  };
}
