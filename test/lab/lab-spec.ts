/**
 * What a test asks the lab for: hosts (with or without a real Net-SNMP agent), ICMP impairment,
 * a big locally-answered range, and where the probe side lives.
 */

/** SNMPv3 authentication protocols this Net-SNMP (5.9, OpenSSL) accepts in `createUser`. */
export type AuthProtocol = 'MD5' | 'SHA' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** SNMPv3 privacy protocols this Net-SNMP accepts in `createUser`. */
export type PrivProtocol = 'DES' | 'AES' | 'AES-192' | 'AES-256';

/** SNMPv3 security level, spelled as `snmpget -l` spells it. */
export type SecurityLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

/** One SNMPv3 user: `createUser` + `rouser` in the agent's config. Passphrases need 8+ chars. */
export interface SnmpV3User {
  name: string;
  level: SecurityLevel;
  authProtocol?: AuthProtocol;
  authKey?: string;
  privProtocol?: PrivProtocol;
  privKey?: string;
}

/** A real `snmpd` for one host. Unset system fields get a generated default. */
export interface SnmpAgentSpec {
  sysDescr?: string;
  /** Numeric OID, e.g. '1.3.6.1.4.1.9.1.1' (a leading dot is optional). */
  sysObjectID?: string;
  sysName?: string;
  sysLocation?: string;
  sysContact?: string;
  /** SNMPv2-MIB::sysServices bit field, e.g. 72 for an end host, 6 for a router. */
  sysServices?: number;
  /** v1/v2c read-only communities, allowed from the lab /24 only. Default ['public']. */
  communities?: string[];
  /** No community at all: the agent answers only SNMPv3. */
  v3Only?: boolean;
  users?: SnmpV3User[];
  /** Text (1..27 printable chars) snmpd builds its snmpEngineID from; default a hash of lab and host. */
  engineId?: string;
  /**
   * Extra objects the agent serves (snmpd's `override`, which also creates objects it does not
   * implement, e.g. ENTITY-MIB rows): numeric OID with its instance, a type, and the value
   * (`octet_str` as text, `hex` as hex bytes for binary strings such as BITS).
   */
  objects?: { oid: string; type: 'integer' | 'octet_str' | 'hex' | 'object_id'; value: string | number }[];
  /**
   * More addresses the same agent answers on, besides the host's own: addresses of the lab's
   * `localRange` (the lab kernel owns them, so snmpd can bind them), one UDP listener each. Many
   * SNMP devices for the price of one process (the scale benchmark).
   */
  addresses?: string[];
}

/** ICMP echo impairment applied by the lab's responder to one address. */
export interface Impairment {
  /** Share of echo requests left unanswered, 0..100. */
  lossPct?: number;
  /** Added before each reply, milliseconds. */
  delayMs?: number;
  /** Uniform jitter around delayMs: each reply waits delayMs ± jitterMs (never below 0). */
  jitterMs?: number;
}

/** One simulated device: an extra address on the lab side of the veth. */
export interface LabHostSpec {
  /** Unique within the lab; the key of `lab.hosts`. */
  name: string;
  /** Last octet in the lab /24 (2..253). Default 10, 11, 12, ... in spec order. */
  octet?: number;
  /** Run a real snmpd bound to this address. Without it the host answers ping only. */
  snmp?: SnmpAgentSpec;
  /** Impair ICMP echo to this host from the start (turns on the lab's own responder). */
  impair?: Impairment;
}

/** Everything {@link createLab} builds. */
export interface LabSpec {
  /**
   * Short name ([a-z0-9-], up to 24 chars): namespaces are `wfl-NAME` and `wfp-NAME`. A stale lab
   * of the same name (killed run) is removed first. Default: unique per process and call.
   */
  name?: string;
  /** N of the lab prefix 198.18.N.0/24 (1..254); default the lowest free one. */
  subnet?: number;
  /**
   * 'namespace' (default): the probe side is its own namespace `wfp-NAME`.
   * 'root': the probe side is the root namespace (the test process itself), which then gets only
   * the connected route to the lab /24 (plus a route to `localRange` if one is asked for).
   */
  probe?: 'namespace' | 'root';
  hosts: LabHostSpec[];
  /**
   * A prefix inside 198.19.0.0/16 that the lab namespace answers in full (`ip route add local …
   * dev lo`), routed from the probe side: a big sweep without a process per address.
   */
  localRange?: string;
  /** Addresses (in localRange or the lab /24) whose every incoming packet is dropped. */
  dropAddresses?: string[];
  /** Start the ICMP echo responder even if no host is impaired yet (default: only when needed). */
  icmpResponder?: boolean;
  /** Seed of the responder's loss/jitter randomness (default 1): repeatable runs. */
  seed?: number;
  /**
   * Routers between the probe side and a chain target in the lab namespace (1 or 2), for
   * traceroute and MTR; see `lab.chain` and router-chain.ts. Default none.
   */
  routers?: number;
  /** How long to wait for the agents to answer (default 15 s). */
  readyTimeoutMs?: number;
}
