import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { createL2Store } from '../l2/snapshot-store.ts';
import { neighbor, snapshot } from '../l2/testing/snapshots.ts';
import { DATABASE_FILE } from '../store/database.ts';
import { mapFormatOf } from './map-command.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('wardflux map', () => {
  beforeEach(() => {
    vi.stubEnv('WARD_ENCRYPTION_KEY', '');
    vi.stubEnv('WARD_POLLERS', 'off');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('the format from the file name or --format; anything else refused with the choices', () => {
    expect(mapFormatOf({ output: 'site.DRAWIO' })).toBe('drawio');
    expect(mapFormatOf({ output: 'site.gv' })).toBe('dot');
    expect(mapFormatOf({ output: '-', format: 'svg' })).toBe('svg');
    expect(() => mapFormatOf({ output: 'site.jpg' })).toThrow(/-o FILE.svg, .png, .drawio or .dot .*"jpg" is none of them/);
  });

  it('writes the stored snapshots\' map as SVG, draw.io, DOT (stdout) and PNG (Chromium)', { timeout: 60_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const wardflux = (...args: string[]) => runCliInProcess(['--data-dir', t.dir, ...args]);
    expect((await wardflux('devices', 'add', 'core-sw1', '198.18.0.1')).code).toBe(0);
    expect((await wardflux('devices', 'add', 'access-sw2', '198.18.0.2')).code).toBe(0);
    // Synthetic snapshots through the store, as a read would leave them.
    const db = new Database(path.join(t.dir, DATABASE_FILE));
    const ids = Object.fromEntries(db.prepare<[], { id: string; name: string }>('SELECT id, name FROM devices').all().map((r) => [r.name, r.id]));
    const store = createL2Store(db);
    store.save(ids['core-sw1']!, snapshot('198.18.0.1', { neighbors: [{ ...neighbor('Te1/1/1', 'access-sw2'), portId: 'Gi1/0/49' }] }));
    store.save(ids['access-sw2']!, snapshot('198.18.0.2', { neighbors: [{ ...neighbor('Gi1/0/49', 'core-sw1'), portId: 'Te1/1/1' }] }));
    db.close();

    const svgFile = path.join(t.dir, 'site.svg');
    const svg = await wardflux('map', '-o', svgFile, '--theme', 'dark');
    expect(svg.code).toBe(0);
    expect(svg.err).toContain('Wrote the map (svg, 2 nodes, 1 links');
    const text = fs.readFileSync(svgFile, 'utf8');
    for (const s of ['core-sw1', 'access-sw2', 'Te1/1/1', 'Gi1/0/49', '#0f172a']) expect(text).toContain(s);

    const drawio = path.join(t.dir, 'site.drawio');
    expect((await wardflux('--json', 'map', '-o', drawio)).out).toContain('"links": 1');
    expect(fs.readFileSync(drawio, 'utf8').match(/edge="1"/g)).toHaveLength(1);

    const dot = await wardflux('map', '-o', '-', '--format', 'dot');
    // Which end is the tail follows the devices' ids (random here): either way, both ports on the one edge.
    expect(dot.out).toMatch(/taillabel="Te1\/1\/1", headlabel="Gi1\/0\/49"|taillabel="Gi1\/0\/49", headlabel="Te1\/1\/1"/);

    const png = path.join(t.dir, 'site.png');
    const r = await wardflux('map', '-o', png);
    expect(r.code).toBe(0);
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR width: the SVG's width at scale 2.
    expect(bytes.readUInt32BE(16)).toBe(2 * Number(/width="(\d+)"/.exec(text)![1]));

    expect((await wardflux('map', '-o', '-', '--format', 'png')).err).toContain('A PNG is binary');
    // A scan's map: an unknown job is refused by name.
    const scan = await wardflux('map', '-o', '-', '--format', 'dot', '--scan', '99999999-9999-4999-8999-999999999999');
    expect(scan.code).not.toBe(0);
    expect(scan.err).toMatch(/99999999-9999-4999-8999-999999999999/);
  });
});
