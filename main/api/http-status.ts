import type { ErrorCode } from './result.ts';

/** The HTTP status that goes with each contract error code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  timeout: 504,
  // The client went away or cancelled (nginx's "client closed request").
  cancelled: 499,
  unavailable: 503,
  storage: 500,
  secrets: 500,
  internal: 500,
};
