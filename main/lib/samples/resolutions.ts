export const FIVE_MINUTES = 5 * 60_000;
export const ONE_HOUR = 60 * 60_000;
export const DAY = 24 * ONE_HOUR;

/** Where a sample may be read from: raw samples or one of the rollups. */
export type Resolution = 'raw' | '5m' | '1h';

export const RESOLUTION_MS: Record<Resolution, number> = { raw: 0, '5m': FIVE_MINUTES, '1h': ONE_HOUR };

/** Start of the bucket of width `width` holding `ts`. */
export function bucketStart(ts: number, width: number): number {
  return Math.floor(ts / width) * width;
}

/** How long each resolution is kept, in milliseconds. */
export interface RetentionPolicy {
  rawMs: number;
  fiveMinuteMs: number;
  hourMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { rawMs: 7 * DAY, fiveMinuteMs: 90 * DAY, hourMs: 730 * DAY };
