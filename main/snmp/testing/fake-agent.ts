/**
 * A scriptable SNMP v1/v2c agent on 127.0.0.1 for tests: answers GET/GETNEXT/GETBULK from a small
 * MIB, or misbehaves on purpose (garbage, truncated packets, wrong request ids, looping OIDs,
 * silence), or breaks its correct answer to each real request with `mutate` (a fault injector).
 * Records what it was asked.
 */
import dgram from 'node:dgram';
import { compareOids } from '../oid.ts';
import { decodeRequest, encodeResponse, type SnmpRequest, tlv } from './ber.ts';

export type FakeMode = 'normal' | 'garbage' | 'truncated' | 'wrong-id' | 'loop' | 'backwards' | 'silent' | 'bad-ip';

export interface FakeAgent {
  port: number;
  mode: FakeMode;
  /** Requests received, decoded. */
  requests: SnmpRequest[];
  /** When set, every answer is passed through it before it is sent (to break it on purpose). */
  mutate: ((response: Buffer, request: SnmpRequest) => Buffer) | undefined;
  close(): Promise<void>;
}

const END_OF_MIB = tlv(0x82, Buffer.alloc(0));
const NO_SUCH_OBJECT = tlv(0x80, Buffer.alloc(0));

/** Starts a fake agent. `mib` maps numeric OIDs to encoded value TLVs. */
export async function startFakeAgent(mib: Map<string, Buffer>, community = 'public'): Promise<FakeAgent> {
  const socket = dgram.createSocket('udp4');
  const sorted = [...mib.keys()].sort(compareOids);
  const next = (oid: string): [string, Buffer] => {
    const found = sorted.find((o) => compareOids(o, oid) > 0);
    return found ? [found, mib.get(found) as Buffer] : [oid, END_OF_MIB];
  };
  const agent: FakeAgent = {
    port: 0,
    mode: 'normal',
    requests: [],
    mutate: undefined,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (msg, rinfo) => {
    let req: SnmpRequest;
    try {
      req = decodeRequest(msg);
    } catch {
      return;
    }
    agent.requests.push(req);
    if (req.community !== community || agent.mode === 'silent') return;
    const reply = (buf: Buffer) => socket.send(buf, rinfo.port, rinfo.address);
    if (agent.mode === 'garbage') return reply(Buffer.from('30 82 ff ff 02 01 01 de ad be ef'.replace(/ /g, ''), 'hex'));
    let vbs: [string, Buffer][];
    if (agent.mode === 'loop') vbs = req.oids.map((o) => [o, tlv(0x02, Buffer.from([1]))]);
    else if (agent.mode === 'backwards') vbs = req.oids.map(() => ['1.3.6.1.2.1.1.1.0', tlv(0x04, Buffer.from('again'))]);
    else if (agent.mode === 'bad-ip') vbs = req.oids.map((o) => [o, tlv(0x40, Buffer.from([1, 2, 3, 4, 5]))]);
    else if (req.pduType === 0xa0) vbs = req.oids.map((o) => [o, mib.get(o) ?? NO_SUCH_OBJECT]);
    else if (req.pduType === 0xa1) vbs = req.oids.map(next);
    else if (req.pduType === 0xa5) {
      vbs = [];
      let cur = req.oids.slice(req.field2);
      for (const o of req.oids.slice(0, req.field2)) vbs.push(next(o));
      for (let r = 0; r < Math.max(1, req.field3); r++) {
        const row = cur.map(next);
        vbs.push(...row);
        cur = row.map(([o]) => o);
        if (row.every(([, v]) => v === END_OF_MIB)) break;
      }
    } else return;
    const response = encodeResponse(agent.mode === 'wrong-id' ? { ...req, requestId: req.requestId + 1 } : req, vbs);
    const sent = agent.mode === 'truncated' ? response.subarray(0, Math.floor(response.length / 2)) : response;
    reply(agent.mutate ? agent.mutate(sent, req) : sent);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  agent.port = socket.address().port;
  return agent;
}
