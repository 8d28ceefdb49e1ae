import type { z } from 'zod';
import { AppError, toErrorBody, ValidationError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { contract, isProcedureName, type InputOf, type OutputOf, type ParsedInputOf, type ProcedureName } from './contract.ts';
import { fieldIssues } from './field-issues.ts';
import type { Result } from './result.ts';

/** Who is calling: recorded in logs, and used by handlers that act differently per transport. */
export interface CallContext {
  transport: 'ipc' | 'ws' | 'http' | 'cli' | 'in-process';
  /** Fires when the client cancels the call (WS `cancel`, the connection closing); long handlers stop then. */
  signal?: AbortSignal;
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
export function createApi(handlers: Handlers, logger: Logger): Api {
  async function run(name: ProcedureName, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
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
