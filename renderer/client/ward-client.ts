import type { EventName, EventPayload, InputOf, OutputOf, ProcedureName, Result } from '../../main/api/contract.ts';
import type { WireEventFilter } from '../../main/api/wire.ts';

/**
 * - `connecting`: opening the connection (first time or after a drop)
 * - `ready`: calls go through
 * - `auth-required`: the host wants a token; calls fail with `unauthorized` until signIn succeeds
 * - `disconnected`: the engine cannot be reached; the client retries by itself
 */
export type ConnectionStatus = 'connecting' | 'ready' | 'auth-required' | 'disconnected';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why the last attempt failed, in words for the user. */
  message?: string;
  /** When the next automatic attempt happens (ms since epoch), while disconnected. */
  retryAt?: number;
}

/**
 * The renderer's only way to the engine. Two implementations (IPC in Electron, WebSocket in a
 * browser); pages never see which one, only stores use it.
 */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** The answer of a call its caller cancelled before it was answered. */
export function cancelledResult(name: string): Result<never> {
  return { ok: false, error: { code: 'cancelled', message: `${name} was cancelled` } };
}

export interface WardClient {
  readonly transport: 'ipc' | 'ws';
  /**
   * Calls a procedure. Aborting `options.signal` cancels it: the engine's handler is told (it
   * stops a long call) and the promise settles with `cancelled` (or with the answer, when it came first).
   */
  call<P extends ProcedureName>(name: P, input: InputOf<P>, options?: CallOptions): Promise<Result<OutputOf<P>>>;
  /**
   * Listens to a topic, optionally filtered (samples of some series, one device's events). The
   * first listener of a topic and filter subscribes with the engine, the last one unsubscribes.
   */
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void, filter?: WireEventFilter): () => void;
  connection(): ConnectionState;
  /** Called with every change of the connection state; returns the unsubscribe function. */
  onConnection(cb: (state: ConnectionState) => void): () => void;
  /** Presents a bearer token (WebSocket host with auth); resolves with the host's verdict. */
  signIn(credentials: SignInCredentials): Promise<{ ok: boolean; message?: string }>;
  /** Forgets the token (WebSocket host with auth). */
  signOut(): void;
  /** Tries to connect now instead of waiting for the next retry. */
  reconnect(): void;
}

/** A login secret or API token (or a whole sign-in link), or a user name and password. */
export type SignInCredentials = string | { user: string; password: string };
