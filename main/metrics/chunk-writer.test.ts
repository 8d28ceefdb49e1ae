import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/database.ts';
import { createChunkWriter } from './chunk-writer.ts';
import { createSampleReader, MAX_CHUNK_SAMPLES, RAW_BLOCK, unpackHead } from './sample-store.ts';
import { memoryDb } from './test-db.ts';

const T0 = Date.UTC(2025, 0, 6);
let db: Db;
afterEach(() => db?.close());

function setup() {
  db = memoryDb();
  const w = createChunkWriter(db);
  const write = (samples: Array<[number, number, number]>) =>
    db.transaction(() => w.write(samples.length, samples.map((s) => s[0]), samples.map((s) => s[1]), samples.map((s) => s[2])))();
  const chunks = () => db.prepare<[number], { start_ts: number; end_ts: number; count: number }>('SELECT start_ts, end_ts, count FROM metric_chunks WHERE series_id = ? ORDER BY start_ts');
  const head = (id: number) => {
    const row = db.prepare<[number], { data: Buffer }>('SELECT data FROM metric_head WHERE series_id = ?').get(id);
    return row ? unpackHead(row.data).ts : [];
  };
  return { write, chunks: (id: number) => chunks().all(id), head, reader: createSampleReader(db) };
}

describe('chunk writer', () => {
  it('seals a head when its 2-hour block ends or it holds 120 samples; the rest stays in the head', () => {
    const { write, chunks, head, reader } = setup();
    // Series 1: a minute apart for 5 h (blocks of 120). Series 2: 10 s apart for 1 h (seals every 120).
    const rows: Array<[number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push([1, T0 + i * 60_000, i]);
    for (let i = 0; i < 360; i++) rows.push([2, T0 + i * 10_000, -i / 4]);
    for (let i = 0; i < rows.length; i += 50) write(rows.slice(i, i + 50));
    expect(chunks(1)).toEqual([
      { start_ts: T0, end_ts: T0 + 119 * 60_000, count: 120 },
      { start_ts: T0 + RAW_BLOCK, end_ts: T0 + 239 * 60_000, count: 120 },
    ]);
    expect(head(1)).toHaveLength(60);
    expect(chunks(2).map((c) => c.count)).toEqual([MAX_CHUNK_SAMPLES, MAX_CHUNK_SAMPLES]);
    expect(head(2)).toHaveLength(120);
    expect(reader.raw(1, 0, T0 + DAY_MS)).toEqual({ ts: rows.slice(0, 300).map((r) => r[1]), values: rows.slice(0, 300).map((r) => r[2]) });
    expect(reader.raw(2, T0 + 1000, T0 + 30_001).values).toEqual([-0.25, -0.5, -0.75]);
    expect(reader.last(1)).toEqual({ ts: T0 + 299 * 60_000, value: 299 });
  });

  it('puts late and repeated samples where they belong: replaced in place, merged into their chunk, never duplicated', () => {
    const { write, chunks, head, reader } = setup();
    const rows: Array<[number, number, number]> = [];
    for (let i = 0; i < 250; i++) rows.push([1, T0 + i * 60_000, i]);
    write(rows);
    write([
      [1, T0 + 5 * 60_000, 500], // in the first sealed chunk: replaced
      [1, T0 + 245 * 60_000, 2450], // in the head: replaced
      [1, T0 + 5 * 60_000 + 1, 501], // between two samples of a sealed chunk
      [1, T0 - 60_000, -1], // before everything, in the block before: a chunk of its own
      [1, T0 + 245 * 60_000, 2451], // the later write of the same ts wins
    ]);
    expect(chunks(1).map((c) => c.count)).toEqual([1, 121, 120]);
    expect(head(1)).toHaveLength(10);
    const got = reader.raw(1, 0, T0 + DAY_MS);
    expect(got.ts).toHaveLength(252);
    expect(new Set(got.ts).size).toBe(252);
    expect([...got.ts].sort((a, b) => a - b)).toEqual(got.ts);
    expect(got.values.slice(0, 8)).toEqual([-1, 0, 1, 2, 3, 4, 500, 501]);
    expect(got.values[got.ts.indexOf(T0 + 245 * 60_000)]).toBe(2451);
  });

  it('scans samples in (series, ts) order after a cursor, and counts what a scan would return', () => {
    const { write, reader } = setup();
    const series = db.prepare('INSERT INTO metric_series (id, name, labels, created_at) VALUES (?, ?, ?, 0)');
    for (const id of [1, 2, 3]) series.run(id, 'v', JSON.stringify({ i: String(id) }));
    const rows: Array<[number, number, number]> = [];
    for (const id of [3, 1, 2]) for (let i = 0; i < 200; i++) rows.push([id, T0 + i * 60_000, id * 1000 + i]);
    write(rows);
    const all = reader.scan(0, 0, 0, T0 + DAY_MS, 10_000);
    expect(all.map((r) => r.series_id)).toEqual([...Array(200).fill(1), ...Array(200).fill(2), ...Array(200).fill(3)]);
    expect(all[200]).toEqual({ series_id: 2, ts: T0, value: 2000 });
    // After (2, T0 + 150 min), within [T0 + 10 min, T0 + 160 min] (both ends included): 10 of series 2, 151 of series 3.
    const page = reader.scan(2, T0 + 150 * 60_000, T0 + 10 * 60_000, T0 + 160 * 60_000, 50);
    expect(page).toHaveLength(50);
    expect(page[0]).toEqual({ series_id: 2, ts: T0 + 151 * 60_000, value: 2151 });
    expect(page[10]).toEqual({ series_id: 3, ts: T0 + 10 * 60_000, value: 3010 });
    expect(reader.countAfter(2, T0 + 150 * 60_000, T0 + 10 * 60_000, T0 + 160 * 60_000)).toBe(10 + 151);
    expect(reader.scan(2, T0 + 150 * 60_000, T0 + 10 * 60_000, T0 + 160 * 60_000, 10_000)).toHaveLength(161);
    expect(reader.countAfter(0, 0, 0, T0 + DAY_MS)).toBe(600);
  });
});

const DAY_MS = 86_400_000;
