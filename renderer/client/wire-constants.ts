/**
 * Copies of runtime constants from main/api/wire.ts: the renderer may
 * import only types from main/ (eslint layering rule), and a `const` cannot be imported
 * type-only. The `satisfies` checks below fail to compile if a literal drifts.
 */
import type { SESSION_PATH as WIRE_SESSION_PATH, WS_CLOSE_SIGN_IN as WIRE_WS_CLOSE_SIGN_IN, WS_PATH as WIRE_WS_PATH } from '../../main/api/wire.ts';

export const WS_PATH = '/api/v1/ws' satisfies typeof WIRE_WS_PATH;
export const WS_CLOSE_SIGN_IN = 4401 satisfies typeof WIRE_WS_CLOSE_SIGN_IN;
export const SESSION_PATH = '/api/v1/session' satisfies typeof WIRE_SESSION_PATH;
