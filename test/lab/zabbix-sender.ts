/**
 * The Zabbix sender protocol (what `zabbix_sender` speaks; Debian 12 ships no zabbix-sender
 * package): a "ZBXD" header, flags 0x01, the data length as 64-bit little endian, then JSON
 * `{"request":"sender data","data":[{host,key,value}]}` to the trapper port. The server answers
 * in the same framing with `{"response":"success","info":"processed: 1; failed: 0; ..."}`.
 */
import net from 'node:net';
import { until } from '../support/until.ts';

export interface SenderValue {
  host: string;
  key: string;
  value: string | number;
}

export interface SenderResult {
  response: string;
  info: string;
  processed: number;
  failed: number;
}

function frame(json: unknown): Buffer {
  const data = Buffer.from(JSON.stringify(json), 'utf8');
  const header = Buffer.alloc(13);
  header.write('ZBXD', 0, 'ascii');
  header[4] = 0x01;
  header.writeBigUInt64LE(BigInt(data.length), 5);
  return Buffer.concat([header, data]);
}

/** Sends values to a trapper (127.0.0.1 only in tests) and returns the server's verdict. */
export function sendValues(host: string, port: number, values: SenderValue[], timeoutMs = 10_000): Promise<SenderResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`zabbix sender: no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.end(frame({ request: 'sender data', data: values.map((v) => ({ ...v, value: String(v.value) })) })));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const buf = Buffer.concat(chunks);
      if (buf.length < 13 || buf.toString('ascii', 0, 4) !== 'ZBXD') return reject(new Error(`zabbix sender: unexpected answer (${buf.length} bytes)`));
      const len = Number(buf.readBigUInt64LE(5));
      const body = JSON.parse(buf.subarray(13, 13 + len).toString('utf8')) as { response: string; info: string };
      const m = /processed: (\d+); failed: (\d+)/.exec(body.info);
      resolve({ ...body, processed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0) });
    });
  });
}

/**
 * Sends `values` to the trapper port, again every `everyMs`, until `probe` returns a value: a
 * trigger that reached the server's configuration cache after its item misses the first value
 * (seen about one run in five), so a single send may fire nothing. Every send must be processed.
 */
export async function sendUntil<T>(port: number, values: SenderValue[], probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000, everyMs = 2000): Promise<T> {
  let sentAt = 0;
  return until(
    async () => {
      if (Date.now() - sentAt >= everyMs) {
        sentAt = Date.now();
        const r = await sendValues('127.0.0.1', port, values);
        if (r.processed !== values.length) throw new Error(`the trapper processed ${r.processed} of ${values.length} values (${r.response})`);
      }
      return probe();
    },
    timeoutMs,
    what,
  );
}
