import type { ErrorBody } from '../../main/api/result.ts';

/** An engine error in words a technician understands; the engine's own message when it is one. */
export function describeError(error: ErrorBody): string {
  switch (error.code) {
    case 'internal':
      return 'Something went wrong inside WARD FLUX. The details are in the engine log; try again, and report it if it keeps happening.';
    case 'storage':
      return `The WARD FLUX database could not be used: ${error.message}`;
    case 'secrets':
      return `The encryption key for stored secrets is not available: ${error.message}`;
    case 'validation':
      return error.issues && error.issues.length > 0 ? error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') : error.message;
    default:
      return error.message;
  }
}

/** Runs async jobs with at most `limit` at once; resolves with their results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i] as T, i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
