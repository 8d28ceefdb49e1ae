import { describe, expect, it } from 'vitest';
import { toFormErrors, withoutFields } from './form-errors.ts';

describe('toFormErrors', () => {
  it('puts each issue next to its field (first message wins) and the rest in the banner', () => {
    const errors = toFormErrors(
      {
        code: 'validation',
        message: 'Invalid input',
        issues: [
          { path: 'address', message: 'bad address' },
          { path: 'tags.1', message: 'no spaces' },
          { path: 'tags.2', message: 'too long' },
          { path: 'extra', message: 'unknown key' },
        ],
      },
      ['name', 'address', 'tags'],
    );
    expect(errors).toEqual({ fields: { address: 'bad address', tags: 'no spaces' }, banner: 'extra: unknown key' });
  });

  it('shows errors without matching fields (conflict, unavailable) in the banner', () => {
    expect(toFormErrors({ code: 'unavailable', message: 'Cannot reach the engine' }, ['name'])).toEqual({ fields: {}, banner: 'Cannot reach the engine' });
  });
});

describe('withoutFields', () => {
  it('drops the messages of changed fields and the banner, keeps the others', () => {
    const errors = { fields: { targets: 'bad', ratePps: 'too fast' }, banner: 'Cannot start the scan' };
    expect(withoutFields(errors, ['targets'])).toEqual({ fields: { ratePps: 'too fast' } });
  });

  it('returns the same object when nothing it holds changed', () => {
    const errors = { fields: { ratePps: 'too fast' } };
    expect(withoutFields(errors, ['targets'])).toBe(errors);
  });
});
