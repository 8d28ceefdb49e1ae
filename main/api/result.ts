/**
 * The shape every procedure result takes when it crosses a process boundary, and the error codes
 * that survive the trip. Imports nothing at runtime, so preload/ and renderer/ can import it.
 */

/** Every error code a caller may see. `internal` means a bug: the message is generic, details are in the log. */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'timeout'
  /** The client cancelled the call (a `cancel` message; its AbortSignal fired). */
  | 'cancelled'
  | 'unavailable'
  | 'storage'
  | 'secrets'
  | 'internal';

/** One problem with one field of an input, `path` in dotted form (`tags.2`, `address`); '' for the whole input. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Present on `validation` errors: what is wrong with which field. */
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
