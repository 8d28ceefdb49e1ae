/**
 * The messages of the contract over a WebSocket (headless host) — types only, shared by the host
 * and the renderer's WebSocket client. Electron IPC carries the same `Result` values.
 */
import type { EngineEvent } from './events.ts';
import type { Result } from './result.ts';

/** Path of the contract's WebSocket on the headless host. */
export const WS_PATH = '/api/v1/ws';

export type ClientMessage =
  /** Call a procedure; the answer carries the same id. */
  | { type: 'call'; id: number; name: string; input: unknown }
  /** Present a bearer token (when the host requires one). Answered by `auth-result`. */
  | { type: 'auth'; token: string };

export type ServerMessage =
  | { type: 'hello'; version: string; authRequired: boolean }
  | { type: 'auth-result'; ok: boolean; message?: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent };

/** IPC channel names used by electron/ and preload/. */
export const IPC_CALL = 'wardflux:call';
export const IPC_EVENT = 'wardflux:event';
