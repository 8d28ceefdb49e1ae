import { describe, expect, it } from 'vitest';
import { compileCron, occurrenceContaining } from './cron.ts';

const utc = (s: string) => Date.parse(`${s}Z`);

describe('cron matcher', () => {
  it('matches minutes, hours, ranges, steps and weekdays in UTC', () => {
    const m = compileCron('*/15 9-17 * * 1-5');
    expect(m.matches(utc('2026-11-24T09:00:00'))).toBe(true); // Tuesday
    expect(m.matches(utc('2026-11-24T09:15:30'))).toBe(true);
    expect(m.matches(utc('2026-11-24T09:16:00'))).toBe(false);
    expect(m.matches(utc('2026-11-24T18:00:00'))).toBe(false);
    expect(m.matches(utc('2026-11-28T10:00:00'))).toBe(false); // Saturday
  });

  it('treats Sunday as 0 or 7, and ORs day-of-month with weekday when both are restricted', () => {
    expect(compileCron('0 3 * * 7').matches(utc('2026-11-29T03:00:00'))).toBe(true); // Sunday
    expect(compileCron('0 3 * * 0').matches(utc('2026-11-29T03:00:00'))).toBe(true);
    const m = compileCron('0 0 1 * 6');
    expect(m.matches(utc('2026-12-01T00:00:00'))).toBe(true); // the 1st, a Tuesday
    expect(m.matches(utc('2026-11-28T00:00:00'))).toBe(true); // a Saturday
    expect(m.matches(utc('2026-11-27T00:00:00'))).toBe(false);
  });

  it('reads the expression in the given time zone', () => {
    const m = compileCron('0 22 * * *', 'Europe/Paris');
    expect(m.matches(utc('2026-11-24T21:00:00'))).toBe(true); // 22:00 CET
    expect(m.matches(utc('2026-11-24T22:00:00'))).toBe(false);
  });

  it('rejects bad expressions and time zones with a clear message', () => {
    expect(() => compileCron('61 * * * *')).toThrow(/Invalid cron expression "61 \* \* \* \*": .*minute/);
    expect(() => compileCron('* * *')).toThrow(/must have 5 fields/);
    expect(() => compileCron('0 * * * * *')).toThrow(/must have 5 fields/);
    expect(() => compileCron('0 1 * * *', 'Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });

  it('finds the occurrence whose window contains a time', () => {
    const m = compileCron('0 22 * * 6'); // Saturdays 22:00 UTC
    const start = utc('2026-11-28T22:00:00');
    expect(occurrenceContaining(m, 120, start)).toBe(start);
    expect(occurrenceContaining(m, 120, start + 119 * 60_000 + 59_000)).toBe(start);
    expect(occurrenceContaining(m, 120, start + 120 * 60_000)).toBeNull();
    expect(occurrenceContaining(m, 120, start - 1)).toBeNull();
    // Across midnight and a day boundary.
    expect(occurrenceContaining(m, 180, utc('2026-11-29T00:30:00'))).toBe(start);
  });
});
