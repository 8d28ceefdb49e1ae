/**
 * A typed view of the parts of the npm `net-snmp` package (which ships no types) that the SNMP
 * layer uses. Everything else in main/snmp/ goes through this file, never `require('net-snmp')`.
 */
import { createRequire } from 'node:module';

/** A varbind as net-snmp decodes it: `value` depends on `type` (Buffer, number, string, null). */
export interface RawVarbind {
  oid: string;
  type: number;
  value: unknown;
}

/** The socket surface net-snmp's Session uses from `dgram` (see {@link NetSnmpSessionOptions.dgramModule}). */
export interface DgramLikeSocket {
  on(event: string, listener: (...args: never[]) => void): unknown;
  send(buffer: Buffer, offset: number, length: number, port: number, address: string, cb: (error: Error | null, bytes?: number) => void): void;
  bind(port?: number, address?: string): unknown;
  close(): void;
  ref(): unknown;
  unref(): unknown;
}

/** What net-snmp calls to make its socket. */
export interface DgramLikeModule {
  createSocket(type: 'udp4' | 'udp6'): DgramLikeSocket;
}

export interface NetSnmpSessionOptions {
  version: number;
  port?: number;
  transport?: 'udp4' | 'udp6';
  timeout?: number;
  retries?: number;
  backoff?: number;
  backwardsGetNexts?: boolean;
  reportOidMismatchErrors?: boolean;
  context?: string;
  idBitsSize?: 16 | 32;
  dgramModule?: DgramLikeModule;
}

export interface NetSnmpUser {
  name: string;
  level: number;
  authProtocol?: number;
  authKey?: string;
  privProtocol?: number;
  privKey?: string;
}

type Cb<T> = (error: Error | null, result: T) => void;

/** A net-snmp Session. `timeout`/`retries` are read when a request is created. */
export interface NetSnmpSession {
  timeout: number;
  retries: number;
  /** v3: set once the agent's engine was discovered (its report answered). */
  msgSecurityParameters?: unknown;
  get(oids: string[], cb: Cb<RawVarbind[]>): void;
  getNext(oids: string[], cb: Cb<RawVarbind[]>): void;
  getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: Cb<(RawVarbind | RawVarbind[])[]>): void;
  close(): void;
  /**
   * Removes the pending request with this request-id (v1/v2c) or msgID (v3) and stops its timer;
   * null when none is pending. Used to fail the request a malformed answer belongs to.
   */
  unregisterRequest(id: number): { responseCb: (error: Error) => void } | null;
  on(event: 'error', cb: (err: Error) => void): void;
  on(event: 'close', cb: () => void): void;
}

interface EncryptionAlgorithm {
  CRYPTO_ALGORITHM: string;
  KEY_LENGTH: number;
  BLOCK_LENGTH: number;
  encryptPdu: (...args: never[]) => unknown;
  decryptPdu: (...args: never[]) => unknown;
}

export interface NetSnmpModule {
  Version1: number;
  Version2c: number;
  Version3: number;
  ObjectType: Record<string, number>;
  ErrorStatus: Record<string | number, string | number>;
  SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
  AuthProtocols: { md5: number; sha: number; sha224: number; sha256: number; sha384: number; sha512: number };
  PrivProtocols: { des: number; aes: number; aes256b: number; aes256r: number };
  ResponseInvalidCode: Record<string | number, string | number>;
  ResponseInvalidError: new (...args: never[]) => Error & { code: number };
  RequestFailedError: new (...args: never[]) => Error & { status: number };
  RequestTimedOutError: new (...args: never[]) => Error;
  RequestInvalidError: new (...args: never[]) => Error;
  createSession(target: string, community: string, options: NetSnmpSessionOptions): NetSnmpSession;
  createV3Session(target: string, user: NetSnmpUser, options: NetSnmpSessionOptions): NetSnmpSession;
  Authentication: { passwordToKey(protocol: number, password: string, engineId: Buffer): Buffer };
  Encryption: {
    algorithms: Record<number, EncryptionAlgorithm>;
    /** Decrypts an SNMPv3 encryptedPDU into the scoped PDU bytes net-snmp then reads. */
    decryptPdu(privProtocol: number, encryptedPdu: Buffer, privParameters: Buffer, privKey: Buffer, authProtocol: number, engine: unknown): Buffer;
  };
}

/** The net-snmp module itself. */
export const netSnmp = createRequire(import.meta.url)('net-snmp') as NetSnmpModule;

/** asn1-ber's BER reader, as net-snmp decodes messages with it (the copy net-snmp resolves). */
export interface BerReader {
  _buf: Buffer;
  _size: number;
  _offset: number;
  _len: number;
  peek(): number | null;
  /** Reads a length at `offset`; sets `length` (getter of `_len`), returns the offset after it or null. */
  readLength(offset: number): number | null;
  readonly length: number;
  readOID(tag?: number): string | null;
}
export const berReaderPrototype = (createRequire(createRequire(import.meta.url).resolve('net-snmp'))('asn1-ber') as { Ber: { Reader: { prototype: BerReader } } }).Ber.Reader.prototype;

/** net-snmp's numeric ASN.1 type tags. */
export const Asn = {
  Boolean: 1,
  Integer: 2,
  BitString: 3,
  OctetString: 4,
  Null: 5,
  OID: 6,
  IpAddress: 64,
  Counter32: 65,
  Gauge32: 66,
  TimeTicks: 67,
  Opaque: 68,
  Counter64: 70,
  NoSuchObject: 128,
  NoSuchInstance: 129,
  EndOfMibView: 130,
} as const;
