import type { ErrorBody, ErrorCode, FieldIssue } from './api/result.ts';

/**
 * The one error type of the engine. Its `message` is written for the person who caused it
 * (a technician, a script author) and must never contain a secret.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; issues?: FieldIssue[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.issues = options?.issues;
  }

  toBody(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues?: FieldIssue[]) {
    super('validation', message, issues ? { issues } : undefined);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, issues?: FieldIssue[]) {
    super('conflict', message, issues ? { issues } : undefined);
  }
}

export class AuthError extends AppError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

/**
 * Something did not answer in time. It carries no stack trace: a timer fired, so the stack says
 * nothing, and a sweep of silent addresses makes tens of thousands of these.
 */
export class TimeoutError extends AppError {
  constructor(message: string, cause?: unknown) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super('timeout', message, { cause });
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** The database cannot be used: not writable, damaged, or written by a newer WARD FLUX. */
export class StorageError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('storage', message, { cause });
  }
}

/** The encryption key is missing, malformed, unsafe, or not the one the data was encrypted with. */
export class SecretsError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('secrets', message, { cause });
  }
}

/** Turns anything thrown into the body sent to a caller; unknown errors become a generic `internal`. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'internal', message: 'Internal error in the WARD FLUX engine; see the engine log for details.' };
}
