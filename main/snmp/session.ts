/**
 * One agent + one credential: typed get, getNext, getBulk, walk and table over a net-snmp
 * Session on a pooled virtual socket. Every request ends, once, within its deadline: with
 * VarBinds, or with a typed error (SnmpTimeoutError, SnmpAuthError, SnmpError).
 */
import type { AppError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { describeCredential, type SnmpCredential, toNetSnmpUser } from './credentials.ts';
import { assertDesAvailable } from './des-support.ts';
import type { BerFault } from './ber-check.ts';
import { SnmpDecodeError, SnmpError, SnmpTimeoutError, toSnmpError } from './errors.ts';
import { netSnmp, type NetSnmpSession, type RawVarbind } from './net-snmp-lib.ts';
import { compareOids, isInSubtree, isNumericOid, normalizeOid } from './oid.ts';
import { resolveOid } from './oid-names.ts';
import { installStrictDecryption } from './strict-decryption.ts';
import { installOidReader } from './oid-reader.ts';
import { ValidationError } from '../errors.ts';
import type { SocketPool, VirtualSocket } from './socket-pool.ts';
import { isException, toVarBind, type VarBind, VarBindDecodeError } from './varbind.ts';
import { buildTable, type SnmpTable } from './table.ts';

/** Per-request knobs; unset ones come from the session's defaults. */
export interface RequestOptions {
  /** Wait for one answer, milliseconds. */
  timeoutMs?: number;
  /** Resends after a timeout (0 = send once). */
  retries?: number;
}

export interface WalkOptions extends RequestOptions {
  /** GETBULK max-repetitions (v2c/v3). Default the session's (20). */
  maxRepetitions?: number;
  /** GETNEXT even on v2c/v3 (what `snmpwalk` does; `snmpbulkwalk` uses GETBULK). */
  useGetNext?: boolean;
  /** Stop with an error after this many varbinds (a runaway agent). Default 100,000. */
  maxVarbinds?: number;
}

export interface TableOptions extends WalkOptions {
  /** Only these columns (numbers or names of the table's columns); default the whole table. */
  columns?: string[];
}

export interface SessionDefaults {
  timeoutMs: number;
  retries: number;
  maxRepetitions: number;
}

export interface SessionInit {
  /** Numeric address to send to. */
  address: string;
  port: number;
  family: 'udp4' | 'udp6';
  credential: SnmpCredential;
  pool: SocketPool;
  defaults: SessionDefaults;
  logger?: Logger;
  onClose?: () => void;
}

const SLACK_MS = 250;

/** Numeric OIDs without the leading dot; ValidationError for anything else (names: resolveOid first). */
function numeric(oids: string[]): string[] {
  return oids.map((o) => {
    if (!isNumericOid(o)) throw new ValidationError(`Not a numeric OID: "${o}" (resolve names with resolveOid first)`);
    return normalizeOid(o);
  });
}

/** An SNMP session with one agent using one credential. Cheap: it owns no socket of its own. */
export class SnmpSession {
  /** 'address:port', used in error messages. */
  readonly target: string;
  readonly credential: SnmpCredential;
  readonly defaults: SessionDefaults;
  /** Last time a request was started (ms, monotonic), for idle eviction. */
  lastUsed = performance.now();
  /** Requests in flight. */
  inFlight = 0;
  private readonly raw: NetSnmpSession;
  private readonly socket: VirtualSocket;
  private readonly logger: Logger | undefined;
  private readonly onCloseCb: (() => void) | undefined;
  private malformed = 0;
  private lastMalformed = '';
  private closed = false;

  constructor(init: SessionInit) {
    this.target = init.family === 'udp6' ? `[${init.address}]:${init.port}` : `${init.address}:${init.port}`;
    this.credential = init.credential;
    this.defaults = init.defaults;
    this.logger = init.logger;
    this.onCloseCb = init.onClose;
    const c = init.credential;
    if (c.version === '3' && c.securityLevel === 'authPriv' && c.privProtocol === 'des') assertDesAvailable(this.target);
    if (c.version === '3' && c.securityLevel === 'authPriv') installStrictDecryption();
    installOidReader();
    const user = c.version === '3' ? toNetSnmpUser(c) : undefined;
    this.socket = init.pool.open(init.family);
    this.socket.onHostile = (err) => this.noteMalformed(err);
    this.socket.onMalformed = (fault) => this.onMalformed(fault);
    const options = {
      port: init.port,
      transport: init.family,
      timeout: init.defaults.timeoutMs,
      retries: init.defaults.retries,
      // We check ordering ourselves (walk), with a clearer error than net-snmp's.
      backwardsGetNexts: true,
      dgramModule: init.pool.moduleFor(this.socket),
    };
    this.raw =
      c.version === '3'
        ? netSnmp.createV3Session(init.address, user ?? { name: c.username, level: netSnmp.SecurityLevel.noAuthNoPriv }, { ...options, version: netSnmp.Version3, ...(c.contextName ? { context: c.contextName } : {}) })
        : netSnmp.createSession(init.address, c.community, { ...options, version: c.version === '1' ? netSnmp.Version1 : netSnmp.Version2c });
    // Undecodable datagrams land here (net-snmp emits 'error'); without a listener they would crash the process.
    this.raw.on('error', (err) => this.noteMalformed(err));
  }

  private noteMalformed(err: unknown): void {
    this.malformed++;
    this.lastMalformed = err instanceof Error ? err.message : String(err);
    this.logger?.debug({ target: this.target, err: this.lastMalformed }, 'snmp: malformed datagram from agent');
  }

  /**
   * A datagram from the agent failed the strict BER check (the pool dropped it): the request whose
   * id it carries fails now with an SnmpDecodeError; without a readable id, requests in flight end
   * at their timeout with one that names the last fault.
   */
  private onMalformed(fault: BerFault): void {
    this.noteMalformed(fault.reason);
    if (fault.requestId === undefined) return;
    const req = this.raw.unregisterRequest(fault.requestId);
    req?.responseCb(new SnmpDecodeError(this.target, fault.reason, { offset: fault.offset }));
  }

  /** net-snmp's varbinds as typed values; SnmpDecodeError when one is not a value of its type. */
  private decode(raw: RawVarbind): VarBind {
    try {
      return toVarBind(raw);
    } catch (err) {
      if (err instanceof VarBindDecodeError) throw new SnmpDecodeError(this.target, err.message);
      throw err;
    }
  }

  /** Runs one net-snmp request with a deadline and a once-only outcome. */
  private request<T>(opts: RequestOptions, start: (cb: (err: Error | null, result: T) => void) => void): Promise<T> {
    if (this.closed) return Promise.reject(new SnmpError('unreachable', `${this.target}: session closed`));
    const timeoutMs = Math.max(1, opts.timeoutMs ?? this.defaults.timeoutMs);
    const retries = Math.max(0, opts.retries ?? this.defaults.retries);
    const malformedBefore = this.malformed;
    this.lastUsed = performance.now();
    this.inFlight++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (err: AppError | null, result?: T) => {
        if (done) return;
        done = true;
        clearTimeout(guard);
        this.inFlight--;
        if (err) reject(err);
        else resolve(result as T);
      };
      const timeoutError = (): AppError => {
        const bad = this.malformed - malformedBefore;
        if (bad > 0) return new SnmpDecodeError(this.target, this.lastMalformed, { suffix: ` (no valid answer within ${timeoutMs} ms x ${retries + 1}; ${bad} malformed packet(s) received)` });
        const c = this.credential;
        // snmpd drops what it cannot decrypt without a report: after a successful engine
        // discovery, silence most likely means a wrong privacy password or protocol.
        const hint = c.version === '3' && c.securityLevel === 'authPriv' && this.raw.msgSecurityParameters ? '; the agent answered engine discovery, so the privacy password or protocol is probably wrong' : '';
        return new SnmpTimeoutError(`${this.target}: no SNMP response (timeout ${timeoutMs} ms x ${retries + 1})${hint}`);
      };
      // v3 may need an engine discovery round trip before the request itself.
      const rounds = this.credential.version === '3' ? 2 : 1;
      // The guard fires only if net-snmp never calls back (a throw inside it on a hostile packet).
      const guard = setTimeout(() => finish(timeoutError()), timeoutMs * (retries + 1) * rounds + SLACK_MS);
      // net-snmp reads timeout/retries from the session when it creates the request (synchronously).
      this.raw.timeout = timeoutMs;
      this.raw.retries = retries;
      try {
        start((err, result) => {
          if (!err) return finish(null, result);
          // A timeout is the common outcome of a sweep: one error object for it, not two.
          if (err instanceof Error && err.name === 'RequestTimedOutError') return finish(timeoutError());
          const mapped = toSnmpError(err, this.target);
          finish(mapped instanceof SnmpTimeoutError ? timeoutError() : mapped);
        });
      } catch (err) {
        finish(toSnmpError(err, this.target));
      }
    });
  }

  /** GET: one VarBind per OID, in order; missing objects come back as noSuchObject/noSuchInstance. */
  async get(oids: string[], opts: RequestOptions = {}): Promise<VarBind[]> {
    const list = numeric(oids);
    const raw = await this.request<RawVarbind[]>(opts, (cb) => this.raw.get(list, cb));
    return raw.map((r) => this.decode(r));
  }

  /** GETNEXT: the next VarBind after each OID. */
  async getNext(oids: string[], opts: RequestOptions = {}): Promise<VarBind[]> {
    const list = numeric(oids);
    const raw = await this.request<RawVarbind[]>(opts, (cb) => this.raw.getNext(list, cb));
    return raw.map((r) => this.decode(r));
  }

  /**
   * GETBULK (v2c/v3): the first `nonRepeaters` OIDs once, then up to `maxRepetitions` rows of the
   * rest, flattened in the agent's order (row by row).
   */
  async getBulk(oids: string[], bulk: { nonRepeaters?: number; maxRepetitions?: number } = {}, opts: RequestOptions = {}): Promise<VarBind[]> {
    if (this.credential.version === '1') throw new SnmpError('unsupported', `${this.target}: GETBULK needs SNMPv2c or v3`);
    const list = numeric(oids);
    const nonRepeaters = bulk.nonRepeaters ?? 0;
    const maxRepetitions = bulk.maxRepetitions ?? this.defaults.maxRepetitions;
    const raw = await this.request<(RawVarbind | RawVarbind[])[]>(opts, (cb) => this.raw.getBulk(list, nonRepeaters, maxRepetitions, cb));
    const out: VarBind[] = [];
    for (let i = 0; i < nonRepeaters && i < raw.length; i++) {
      const vb = raw[i];
      if (vb && !Array.isArray(vb)) out.push(this.decode(vb));
    }
    const columns = raw.slice(nonRepeaters).map((c) => (Array.isArray(c) ? c : c ? [c] : []));
    const rows = Math.max(0, ...columns.map((c) => c.length));
    for (let r = 0; r < rows; r++) for (const col of columns) if (col[r]) out.push(this.decode(col[r] as RawVarbind));
    return out;
  }

  /**
   * Every VarBind under `root`, in order: GETBULK on v2c/v3 (GETNEXT on v1 or with `useGetNext`).
   * Stops at the end of the subtree or endOfMibView. An agent that answers an OID not after the
   * previous one gets an SnmpError 'loop' instead of a walk that never ends. Like Net-SNMP's
   * snmpwalk, an empty subtree falls back to a GET of `root` itself (so `walk sysDescr.0` works).
   */
  async walk(root: string, opts: WalkOptions = {}): Promise<VarBind[]> {
    const [base = ''] = numeric([root]);
    const out: VarBind[] = [];
    const bulk = this.credential.version !== '1' && !opts.useGetNext;
    const maxVarbinds = opts.maxVarbinds ?? 100_000;
    let last = base;
    for (;;) {
      let batch: VarBind[];
      try {
        batch = bulk ? await this.getBulk([last], { maxRepetitions: opts.maxRepetitions ?? this.defaults.maxRepetitions }, opts) : await this.getNext([last], opts);
      } catch (err) {
        // v1 agents end a walk with noSuchName.
        if (err instanceof SnmpError && err.status === 'noSuchName') break;
        throw err;
      }
      if (batch.length === 0) break;
      let end = false;
      for (const vb of batch) {
        if (vb.type === 'endOfMibView') {
          end = true;
          break;
        }
        if (compareOids(vb.oid, last) <= 0) {
          throw new SnmpError('loop', `${this.target}: the agent returned ${vb.oid} after ${last} (OIDs not increasing); stopped the walk of ${base}`);
        }
        if (!isInSubtree(base, vb.oid)) {
          end = true;
          break;
        }
        if (isException(vb)) continue;
        out.push(vb);
        last = vb.oid;
        if (out.length > maxVarbinds) throw new SnmpError('bad_response', `${this.target}: walk of ${base} passed ${maxVarbinds} values; stopped`);
      }
      if (end) break;
    }
    if (out.length === 0) {
      const [vb] = await this.get([base], opts).catch((err: unknown) => {
        if (err instanceof SnmpError && err.status === 'noSuchName') return [];
        throw err;
      });
      if (vb && !isException(vb)) out.push(vb);
    }
    return out;
  }

  /** A conceptual table (e.g. ifTable) as rows by index with named columns. */
  async table(tableOid: string, opts: TableOptions = {}): Promise<SnmpTable> {
    const [base = ''] = numeric([tableOid]);
    const entry = `${base}.1`;
    if (opts.columns?.length) {
      const cols = opts.columns.map((c) => (/^\d+$/.test(c) ? `${entry}.${c}` : resolveOid(c)));
      const parts = await Promise.all(cols.map((c) => this.walk(c, opts)));
      return buildTable(base, parts.flat());
    }
    return buildTable(base, await this.walk(entry, opts));
  }

  /** A secret-free description for logs. */
  describe(): string {
    return `${this.target} ${describeCredential(this.credential)}`;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes the session; requests still in flight fail. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.raw.close();
    } catch {
      // already closed
    }
    this.onCloseCb?.();
  }
}
