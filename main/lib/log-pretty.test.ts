import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.ts';
import { formatLogLine, prettyDestination } from './log-pretty.ts';
import { createLogger } from './logger.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const at = new Date(2025, 2, 1, 8, 4, 5).getTime();

describe('formatLogLine', () => {
  it('turns a pino JSON line into level, local time, message and key=value fields', () => {
    const line = JSON.stringify({ level: 30, time: at, pid: 4242, hostname: 'tt', name: 'wardflux', msg: 'poller started', devices: 3, site: 'Main office', ok: true });
    expect(formatLogLine(line)).toBe('08:04:05 INFO  poller started devices=3 site="Main office" ok=true');
  });

  it("names warnings and errors, with the error's type and message, never the stack", () => {
    const line = JSON.stringify({ level: 50, time: at, msg: 'error during shutdown', err: { type: 'StorageError', message: 'disk full', stack: 'StorageError: disk full\n    at x.ts:1' } });
    const text = formatLogLine(line);
    expect(text).toBe('08:04:05 ERROR error during shutdown error="StorageError: disk full"');
    expect(formatLogLine(JSON.stringify({ level: 40, time: at, msg: 'slow' }))).toBe('08:04:05 WARN  slow');
  });

  it('keeps lines short: a few fields, long values cut; colours the level when asked; non-JSON as it is', () => {
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, i]));
    expect(formatLogLine(JSON.stringify({ level: 20, time: at, msg: 'm', ...many }))).toBe('08:04:05 DEBUG m f0=0 f1=1 f2=2 f3=3 f4=4 f5=5 (+3 more)');
    const long = formatLogLine(JSON.stringify({ level: 30, time: at, msg: 'm', detail: { text: 'x'.repeat(200) } }));
    expect(long.length).toBeLessThan(120);
    expect(long).toMatch(/detail=\{"text":"x+…$/);
    expect(formatLogLine(JSON.stringify({ level: 30, time: at, msg: 'm' }), { color: true })).toBe('08:04:05 \u001b[32mINFO \u001b[0m m');
    expect(formatLogLine('not json\n')).toBe('not json');
  });
});

describe('logger destinations', () => {
  it('a pretty destination writes human lines (secrets still redacted); --log-file gets JSON lines', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const prettyFile = path.join(t.dir, 'stderr.txt');
    const fd = fs.openSync(prettyFile, 'w');
    cleanups.unshift(() => fs.closeSync(fd));
    createLogger({ level: 'info', destination: prettyDestination({ fd }) }).info({ device: 'core-1', community: 'c0mmunity' }, 'polled');
    expect(fs.readFileSync(prettyFile, 'utf8')).toMatch(/^\d\d:\d\d:\d\d INFO {2}polled device=core-1 community=\[redacted\]\n$/);

    const logFile = path.join(t.dir, 'logs', 'wardflux.log');
    createLogger({ level: 'info', file: logFile, format: 'pretty' }).info({ device: 'core-1' }, 'polled');
    expect(JSON.parse(fs.readFileSync(logFile, 'utf8'))).toMatchObject({ level: 30, msg: 'polled', device: 'core-1' });
    expect(() => createLogger({ file: path.join(prettyFile, 'nested.log') })).toThrow(/Cannot write the log file .*--log-file/);
  });
});
