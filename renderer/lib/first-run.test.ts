import { describe, expect, it } from 'vitest';
import { firstRunSteps } from './first-run.ts';

const job = (id: string, createdAt: number, alive: number, status: 'finished' | 'running' = 'finished') => ({ id, createdAt, alive, status });

describe('firstRunSteps', () => {
  it('starts at the credential when nothing exists', () => {
    const steps = firstRunSteps({ credentials: 0, jobs: [], devices: 0 });
    expect(steps.map((s) => [s.id, s.done, s.current])).toEqual([
      ['credential', false, true],
      ['sweep', false, false],
      ['add', false, false],
    ]);
    expect(steps[2]!.jobId).toBeUndefined();
  });

  it('points "add" at the newest finished scan that found hosts', () => {
    const steps = firstRunSteps({ credentials: 1, jobs: [job('old', 1, 4), job('empty', 3, 0), job('new', 2, 7), job('live', 4, 9, 'running')], devices: 0 });
    expect(steps.map((s) => s.done)).toEqual([true, true, false]);
    expect(steps[2]).toMatchObject({ id: 'add', current: true, jobId: 'new', found: 7 });
  });

  it('a sweep without credentials still counts; the credential step stays current', () => {
    const steps = firstRunSteps({ credentials: 0, jobs: [job('j', 1, 2)], devices: 0 });
    expect(steps.map((s) => [s.done, s.current])).toEqual([
      [false, true],
      [true, false],
      [false, false],
    ]);
  });
});
