import { describe, expect, it } from 'vitest';
import { AppError, TimeoutError } from './errors.ts';

describe('errors', () => {
  it('a timeout carries its message and code but no stack frames, and leaves the stack limit as it was', () => {
    const before = Error.stackTraceLimit;
    const e = new TimeoutError('198.18.0.1:161: no SNMP response', new Error('cause'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.toBody()).toEqual({ code: 'timeout', message: '198.18.0.1:161: no SNMP response' });
    expect(e.stack ?? '').not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new AppError('internal', 'bug').stack).toMatch(/\n\s+at /);
  });
});
