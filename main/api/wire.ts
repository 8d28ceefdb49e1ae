/**
 * The messages of the contract over a WebSocket (headless host) — types only, shared by the host
 * and the renderer's WebSocket client. Electron IPC carries the same `Result` values.
 */
import type { EngineEvent, EventName } from './events.ts';
import type { Result } from './result.ts';

/** Path of the contract's WebSocket on the headless host. */
export const WS_PATH = '/api/v1/ws';

/**
 * The browser's sign-in on the headless host: POST `{ token }` (the login secret or an API token)
 * sets an HttpOnly session cookie; DELETE signs out.
 */
export const SESSION_PATH = '/api/v1/session';

/**
 * The close code of a connection that must sign in (again): not signed in in time, session
 * ended, token revoked. A client shows its sign-in screen instead of reconnecting.
 */
export const WS_CLOSE_SIGN_IN = 4401;

export type ClientMessage =
  /** Call a procedure; the answer carries the same id. */
  | { type: 'call'; id: number; name: string; input: unknown }
  /** Present an API token when the connection is not signed in yet. Answered by `auth-result`. */
  | { type: 'auth'; token: string }
  /**
   * Receive a topic's events (only those the filter lets through: `seriesIds` or `metrics` for metrics.samples,
   * `deviceId` for device-scoped events), tagged with the client's `sid`. Nothing is sent to a
   * connection that subscribed to nothing.
   */
  | { type: 'subscribe'; sid: number; topic: EventName; filter?: WireEventFilter }
  /** Stop the subscription `sid`. */
  | { type: 'unsubscribe'; sid: number }
  /** Cancel the call with this id: its AbortSignal fires; it is still answered (often `cancelled`). */
  | { type: 'cancel'; id: number };

/** A subscription's filter (see main/lib/event-filter.ts). */
export interface WireEventFilter {
  seriesIds?: number[];
  /** Metric names (`metrics.samples` of these metrics only). */
  metrics?: string[];
  deviceId?: string;
}

export type ServerMessage =
  /** First message. `authenticated`: signed in by the upgrade's session cookie or bearer header. */
  | { type: 'hello'; version: string; authenticated: boolean }
  | { type: 'auth-result'; ok: boolean; message?: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  /** An event of the subscription `sid` (already narrowed by its filter). */
  | { type: 'event'; sid: number; event: EngineEvent };

/** IPC channel names used by electron/ and preload/. */
export const IPC_CALL = 'wardflux:call';
/** Main → page: `{ sid, event }`, an event of the page's subscription `sid`. */
export const IPC_EVENT = 'wardflux:event';
/** Page → main: `{ sid, topic, filter? }` opens a subscription; IPC_UNSUBSCRIBE `{ sid }` closes it. */
export const IPC_SUBSCRIBE = 'wardflux:subscribe';
export const IPC_UNSUBSCRIBE = 'wardflux:unsubscribe';
/** Page → main: `{ id }` cancels the call the page sent with that id (the 4th argument of IPC_CALL). */
export const IPC_CANCEL = 'wardflux:cancel';
