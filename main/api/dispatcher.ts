import type { z } from 'zod';
import { AppError, toErrorBody, ValidationError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { contract, isProcedureName, type InputOf, type OutputOf, type ParsedInputOf, type ProcedureName } from './contract.ts';
import { fieldIssues } from './field-issues.ts';
import { permissions } from './permissions.ts';
import type { Result } from './result.ts';
import { atLeast, type Caller, refusal } from './roles.ts';
import type { AuditEntry, Transport } from './audit.ts';

export type { AuditEntry, Transport };

/** Who is calling: recorded in logs and the audit log, and used by handlers that act differently per transport. */
export interface CallContext {
  transport: Transport;
  /** Fires when the client cancels the call (WS `cancel`, the connection closing); long handlers stop then. */
  signal?: AbortSignal;
  /**
   * The signed-in user a host call acts for; its role decides what it may call. Absent for the
   * desktop app, the CLI and the engine's own calls, which act as the local admin.
   */
  user?: Caller;
  /** The peer's address (HTTP and WebSocket), for the audit log. */
  remote?: string;
}

export interface ApiOptions {
  /** Receives every audited call (state-changing or packet-sending, and every refused one). */
  audit?: (entry: AuditEntry) => void;
  /** Receives every executed call's duration and outcome ('ok' or the error code): the engine's self-metrics. */
  observe?: (procedure: ProcedureName, durationMs: number, outcome: string) => void;
}

const MAX_AUDIT_IDS = 50;
const MAX_AUDIT_FIELDS = 40;
const ID_KEY = /^(id|ids|[a-z][A-Za-z0-9]*(Id|Ids))$/;

/** The ids and field names of an input, read without trusting its shape (a refused call's input is never parsed). */
export function auditShape(input: unknown): { ids: string[]; fields: string[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ids: [], fields: [] };
  const ids: string[] = [];
  const fields: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (fields.length < MAX_AUDIT_FIELDS) fields.push(key.slice(0, 64));
    if (!ID_KEY.test(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if ((typeof v === 'string' || typeof v === 'number') && ids.length < MAX_AUDIT_IDS) ids.push(String(v).slice(0, 100));
    }
  }
  return { ids, fields };
}

/** One handler per procedure; a procedure without a handler does not compile. */
export type Handlers = {
  [P in ProcedureName]: (input: ParsedInputOf<P>, ctx: CallContext) => OutputOf<P> | Promise<OutputOf<P>>;
};

/** The contract, implemented: what every transport calls. */
export interface Api {
  /** Typed call, for in-process callers. */
  call<P extends ProcedureName>(name: P, input: InputOf<P>, ctx?: CallContext): Promise<Result<OutputOf<P>>>;
  /** Untyped call, for transports: the name and input come from an untrusted peer. */
  callUnknown(name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

function validationError(name: string, error: z.ZodError): ValidationError {
  const issues = fieldIssues(error);
  const text = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ValidationError(`Invalid input for ${name}: ${text}`, issues);
}

/**
 * Builds the Api from the handler map. Every input is parsed with its zod schema before the
 * handler runs; every output is parsed on the way out too, which strips any field the contract
 * does not declare (so a secret added to a row by mistake never leaves the engine).
 */
export function createApi(handlers: Handlers, logger: Logger, options: ApiOptions = {}): Api {
  const audit = (name: ProcedureName, rawInput: unknown, ctx: CallContext, outcome: AuditEntry['outcome']) => {
    if (!options.audit) return;
    try {
      options.audit({ procedure: name, user: ctx.user, transport: ctx.transport, remote: ctx.remote, ...auditShape(rawInput), outcome });
    } catch (err) {
      logger.error({ err, procedure: name }, 'writing the audit log failed');
    }
  };

  async function run(name: ProcedureName, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const permission = permissions[name];
    if (ctx.user && !atLeast(ctx.user.role, permission.role)) {
      audit(name, rawInput, ctx, 'forbidden');
      logger.warn({ procedure: name, user: ctx.user.name, role: ctx.user.role, transport: ctx.transport, remote: ctx.remote }, 'call refused');
      return { ok: false, error: { code: 'forbidden', message: refusal(name, ctx.user, permission.role) } };
    }
    const started = performance.now();
    const result = await execute(name, rawInput, ctx);
    options.observe?.(name, performance.now() - started, result.ok ? 'ok' : result.error.code);
    if (permission.audit) audit(name, rawInput, ctx, result.ok ? 'ok' : result.error.code);
    return result;
  }

  async function execute(name: ProcedureName, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const def = contract[name];
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: validationError(name, parsed.error).toBody() };
    if (ctx.signal?.aborted) return { ok: false, error: { code: 'cancelled', message: `${name} was cancelled` } };
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const output = await handler(parsed.data, ctx);
      return { ok: true, data: def.output.parse(output) };
    } catch (err) {
      if (ctx.signal?.aborted && !(err instanceof AppError)) return { ok: false, error: { code: 'cancelled', message: `${name} was cancelled` } };
      if (!(err instanceof AppError)) logger.error({ err, procedure: name, transport: ctx.transport }, 'procedure failed');
      return { ok: false, error: toErrorBody(err) };
    }
  }

  return {
    call: (name, input, ctx = { transport: 'in-process' }) =>
      run(name, input, ctx) as Promise<Result<OutputOf<typeof name>>>,
    callUnknown: (name, input, ctx) => {
      if (!isProcedureName(name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'not_found', message: `Unknown procedure ${JSON.stringify(String(name)).slice(0, 80)}` },
        });
      }
      return run(name, input, ctx);
    },
  };
}

/** For in-process callers that expect success: returns the data or throws the error as an AppError. */
export async function unwrap<T>(result: Promise<Result<T>> | Result<T>): Promise<T> {
  const r = await result;
  if (r.ok) return r.data;
  throw new AppError(r.error.code, r.error.message, r.error.issues ? { issues: r.error.issues } : undefined);
}
