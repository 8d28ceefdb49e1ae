import { describe, expect, it } from 'vitest';
import { parseFpingSummary, parsePingOutput } from './system-pinger.ts';

describe('system tool output', () => {
  it('parses iputils ping replies and errors', () => {
    expect(parsePingOutput('64 bytes from 198.18.1.10: icmp_seq=1 ttl=64 time=0.045 ms\n', '198.18.1.10')).toEqual({ status: 'reply', rttMs: 0.045, from: '198.18.1.10', ttl: 64 });
    expect(parsePingOutput('From 198.18.1.225 icmp_seq=1 Time to live exceeded\n', '198.18.1.240')).toMatchObject({ status: 'ttl-exceeded', from: '198.18.1.225' });
    expect(parsePingOutput('From 198.18.1.1 icmp_seq=1 Destination Host Unreachable\n', '198.18.1.5')).toMatchObject({ status: 'unreachable', from: '198.18.1.1' });
    expect(parsePingOutput('1 packets transmitted, 0 received, 100% packet loss\n', '198.18.1.5')).toEqual({ status: 'timeout' });
  });

  it('parses fping -C summaries', () => {
    const m = parseFpingSummary('198.18.1.10 : 0.05 - 0.04\n198.18.1.5  : - - -\nICMP Host Unreachable from 198.18.1.1\n');
    expect(m.get('198.18.1.10')).toEqual([0.05, null, 0.04]);
    expect(m.get('198.18.1.5')).toEqual([null, null, null]);
    expect(m.size).toBe(2);
  });
});
