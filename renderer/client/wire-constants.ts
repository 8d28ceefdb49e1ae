/**
 * Copies of runtime constants from main/api/wire.ts: the renderer may import only types from
 * main/ (eslint layering rule), and a `const` cannot be imported type-only. Keep in sync with
 * WS_PATH there; the `satisfies` check below fails to compile if the literal drifts.
 */
import type { WS_PATH as WIRE_WS_PATH } from '../../main/api/wire.ts';

export const WS_PATH = '/api/v1/ws' satisfies typeof WIRE_WS_PATH;
