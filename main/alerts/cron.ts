/**
 * Recurring maintenance windows: "is time T inside a window that starts whenever this 5-field
 * cron expression matches and lasts N minutes?". node-cron parses and validates the expression
 * (its `parse` expands each field to the allowed values); matching a given minute in a time zone
 * and searching back for the latest start are done here, because node-cron only schedules
 * callbacks forward from now.
 */
import { parse, validateDetailed } from 'node-cron';
import { ValidationError } from '../errors.ts';

export interface CronMatcher {
  /** True when the minute containing `ms` matches the expression (in the matcher's time zone). */
  matches(ms: number): boolean;
}

interface LocalParts {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(ms: number, timeZone: string): LocalParts {
  if (timeZone === 'UTC') {
    const d = new Date(ms);
    return { minute: d.getUTCMinutes(), hour: d.getUTCHours(), day: d.getUTCDate(), month: d.getUTCMonth() + 1, weekday: d.getUTCDay() };
  }
  const p: Partial<LocalParts> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type === 'minute') p.minute = Number(part.value);
    else if (part.type === 'hour') p.hour = Number(part.value);
    else if (part.type === 'day') p.day = Number(part.value);
    else if (part.type === 'month') p.month = Number(part.value);
    else if (part.type === 'weekday') p.weekday = WEEKDAYS[part.value] ?? 0;
  }
  return p as LocalParts;
}

/** Checks a time zone name; throws ValidationError for an unknown one. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ValidationError(`Unknown time zone "${timeZone.slice(0, 64)}" (use an IANA name such as Europe/Paris or UTC)`, [{ path: 'schedule.timezone', message: 'Unknown time zone' }]);
  }
}

/**
 * Compiles a standard 5-field expression (minute hour day-of-month month day-of-week; names,
 * ranges, lists and steps as node-cron accepts them). Throws ValidationError naming the bad field.
 * As in Vixie cron, when both day fields are restricted a day matches if either does.
 */
export function compileCron(expression: string, timeZone = 'UTC'): CronMatcher {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new ValidationError(`Cron expression "${expression.slice(0, 100)}" must have 5 fields (minute hour day month weekday), e.g. "0 22 * * 6"`, [
      { path: 'schedule.cron', message: 'Needs 5 fields' },
    ]);
  }
  const check = validateDetailed(expression);
  if (!check.valid) {
    const why = check.errors.map((e) => e.message).join('; ');
    throw new ValidationError(`Invalid cron expression "${expression.slice(0, 100)}": ${why}`, [{ path: 'schedule.cron', message: why }]);
  }
  checkTimeZone(timeZone);
  const parsed = parse(expression);
  const minutes = new Set(parsed.minute);
  const hours = new Set(parsed.hour);
  const days = new Set(parsed.dayOfMonth.filter((d): d is number => typeof d === 'number'));
  const months = new Set(parsed.month);
  // node-cron may spell Sunday as 7; normalise to 0.
  const weekdays = new Set(parsed.dayOfWeek.filter((d): d is number => typeof d === 'number').map((d) => d % 7));
  const dayRestricted = fields[2] !== '*' && fields[2] !== '?';
  const weekdayRestricted = fields[4] !== '*' && fields[4] !== '?';
  return {
    matches(ms) {
      const t = localParts(ms, timeZone);
      if (!minutes.has(t.minute) || !hours.has(t.hour) || !months.has(t.month)) return false;
      const dayOk = days.has(t.day);
      const weekdayOk = weekdays.has(t.weekday);
      if (dayRestricted && weekdayRestricted) return dayOk || weekdayOk;
      return dayOk && weekdayOk;
    },
  };
}

const MINUTE = 60_000;

/**
 * The start (ms) of the window occurrence that contains `ms`, or null when none does: the latest
 * minute m in (ms - duration, ms] at which the expression matches. Walks back minute by minute
 * (at most 7 days = 10,080 steps), so callers cache per minute.
 */
export function occurrenceContaining(matcher: CronMatcher, durationMin: number, ms: number): number | null {
  const thisMinute = Math.floor(ms / MINUTE) * MINUTE;
  for (let i = 0; i < durationMin; i++) {
    const m = thisMinute - i * MINUTE;
    if (matcher.matches(m)) return m;
  }
  return null;
}
