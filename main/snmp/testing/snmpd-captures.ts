/**
 * Real SNMP responses, captured byte for byte from Net-SNMP's snmpd 5.9.3 (Debian 12 package) on
 * 127.0.0.1, for the BER checker's tests.
 *
 * Provenance: snmpd -f -C -c snmpd.conf --persistentDir=<temp dir> udp:127.0.0.1:<free port>, with
 * snmpd.conf: engineID berfixture01, sysDescr "WARD FLUX BER fixture agent", sysName ber-fixture,
 * sysObjectID .1.3.6.1.4.1.8072.3.2.10, rocommunity public 127.0.0.1, users "plain" (SHA
 * "fixture-auth-pass", rouser auth) and "secret" (SHA "fixture-auth-pass", AES "fixture-priv-pass",
 * rouser priv). Requests from Net-SNMP's snmpget/snmpbulkget/snmpgetnext 5.9.3 went through a UDP
 * relay on 127.0.0.1 that logged every datagram as hex; each response is the agent's reply as the
 * relay received it. Captured for WARD FLUX security issue #13, finding 9 (lenient SNMP decoding).
 */

export interface CapturedResponse {
  /** What was asked, and what the answer holds. */
  what: string;
  /** The request-id (v1/v2c) or msgID (v3) of the request it answers. */
  requestId: number;
  /** The datagram. */
  bytes: Buffer;
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

export const CAPTURED: Record<string, CapturedResponse> = {
  v2cGet: {
    what: 'v2c GET sysDescr.0 sysObjectID.0 sysUpTime.0 sysServices.0 (noSuchInstance) sys.99.0 (noSuchObject)',
    requestId: 1188829923,
    bytes: hex(`
      30818802010104067075626c6963a27b020446dc1ae3020100020100306d302706082b06010201010100041b57415244
      20464c5558204245522066697874757265206167656e74301606082b06010201010200060a2b06010401bf0803020a30
      0e06082b06010201010300430202c9300c06082b060102010107008100300c06082b060102010163008000
    `),
  },
  v2cGetCounters: {
    what: 'v2c GET ifHCInOctets.1 ipAdEntAddr.127.0.0.1 ifInOctets.1 ifSpeed.1 sysDescr.1 (Counter64, IpAddress, Counter32, Gauge32, noSuchInstance)',
    requestId: 1717366087,
    bytes: hex(`
      307902010104067075626c6963a26c0204665ced47020100020100305e3011060b2b060102011f010101060146020d56
      3015060d2b06010201041401017f00000140047f0000013010060a2b060102010202010a0141020d563012060a2b0601
      02010202010501420400989680300c06082b060102010101018100
    `),
  },
  v2cGetBulk: {
    what: 'v2c GETBULK non-repeaters 0, max-repetitions 3 of ifDescr, ifPhysAddress (empty and 6-byte strings)',
    requestId: 592047740,
    bytes: hex(`
      30819202010104067075626c6963a2818402042349ee7c02010002010030763010060a2b06010201020201020104026c
      6f300e060a2b06010201020201060104003012060a2b0601020102020102020404696662303014060a2b060102010202
      0106020406cee7e5051fe33012060a2b0601020102020102030404696662313014060a2b060102010202010603040636
      633a70c1f4
    `),
  },
  v1Get: {
    what: 'v1 GET sysName.0',
    requestId: 1295497444,
    bytes: hex(`
      303402010004067075626c6963a22702044d37b8e40201000201003019301706082b06010201010500040b6265722d66
      697874757265
    `),
  },
  v3Report: {
    what: 'v3 engine discovery answer: a Report (usmStatsUnknownEngineIDs), noAuthNoPriv',
    requestId: 1327508730,
    bytes: hex(`
      3071020103301102044f202cfa020300ffe30401000201030421301f041180001f880462657266697874757265303102
      01010201070400040004003036041180001f88046265726669787475726530310400a81f02047df081ef020100020100
      3011300f060a2b060106030f01010400410101
    `),
  },
  v3AuthNoPriv: {
    what: 'v3 authNoPriv (SHA) GET sysName.0: plaintext scoped PDU',
    requestId: 1327508729,
    bytes: hex(`
      30818a020103301102044f202cf9020300ffe304010102010304323030041180001f8804626572666978747572653031
      0201010201070405706c61696e040cd9a34921df4643df9ca0dc600400303e041180001f880462657266697874757265
      30310400a22702047df081ee0201000201003019301706082b06010201010500040b6265722d66697874757265
    `),
  },
  v3AuthPriv: {
    what: 'v3 authPriv (SHA, AES) GET sysName.0: encrypted scoped PDU',
    requestId: 171075589,
    bytes: hex(`
      308195020103301102040a326805020300ffe3040103020103043b3039041180001f8804626572666978747572653031
      0201010201070406736563726574040c61318147863569ad1d5459200408ad4485235c632a130440a3e6fe025e6a924e
      22bd5dd272f5b07817220832c7f741afe341132984404ba598d459122d6cb7a92f717e097a6dca188794899ad6f04587
      e7f3db61f57b3512
    `),
  },
  v2cGetNext: {
    what: 'v2c GETNEXT sysServices, ifAdminStatus.1, .2 (TimeTicks 0, Integer 2, a wrap to sysDescr.0)',
    requestId: 746456332,
    bytes: hex(`
      306402010104067075626c6963a25702042c7e050c0201000201003049300d06082b06010201010800430100300f060a
      2b060102010202010702020102302706082b06010201010100041b5741524420464c5558204245522066697874757265
      206167656e74
    `),
  },
};
