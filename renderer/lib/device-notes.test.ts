import { describe, expect, it } from 'vitest';
import { noteExcerpt } from './device-notes.ts';

describe('noteExcerpt', () => {
  it('says where a discovered device came from without the job id', () => {
    expect(noteExcerpt('Added from discovery job 00000000-0000-4000-8000-0000000000a2 (router, Cisco, ISR4331).')).toBe('Added from discovery (router, Cisco, ISR4331).');
  });

  it('keeps a technician’s own words, on one line, cut with an ellipsis', () => {
    expect(noteExcerpt('Rack 1,\n  top shelf')).toBe('Rack 1, top shelf');
    expect(noteExcerpt('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
