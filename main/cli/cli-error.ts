import { AppError } from '../errors.ts';

/** Exit codes: 0 ok, 1 failure, 2 bad usage or invalid input, 3 not found. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof AppError) {
    if (err.code === 'validation' || err.code === 'conflict') return 2;
    if (err.code === 'not_found') return 3;
  }
  return 1;
}

/** One line a person can act on, never a stack trace (that goes to the log at debug level). */
export function messageFor(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof Error) return `unexpected error: ${err.message}`;
  return `unexpected error: ${String(err)}`;
}
