/**
 * One snmpd, many devices: an agent with extra addresses from the lab's localRange answers on
 * each of them, from that address, with its own system group; an address outside the range is
 * refused before anything is built.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';

const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0

describeLab('lab: one snmpd serving several addresses', () => {
  let lab: Lab;
  const extra = ['198.19.251.5', '198.19.251.6', '198.19.251.200'];

  beforeAll(async () => {
    lab = await createLab({ name: 'snmpd-addrs', localRange: '198.19.251.0/24', hosts: [{ name: 'multi', snmp: { sysName: 'multi-agent', addresses: extra } }] });
  });
  afterAll(() => lab?.destroy());

  it('answers on its own address and on every extra one, with the same agent', async () => {
    for (const address of [lab.hosts.multi as string, ...extra]) {
      const r = await lab.execInProbe('snmpget', ['-v2c', '-c', 'public', '-On', '-Oqv', '-t', '1', '-r', '1', address, SYS_NAME]);
      expect({ address, code: r.code, out: r.stdout.trim() }).toEqual({ address, code: 0, out: '"multi-agent"' });
    }
    // An address of the range the agent was not given: the kernel answers ping, nothing listens on 161.
    const none = await lab.execInProbe('snmpget', ['-v2c', '-c', 'public', '-On', '-t', '0.3', '-r', '0', '198.19.251.7', SYS_NAME]);
    expect(none.code).not.toBe(0);
    expect(lab.daemonPids()).toHaveLength(1);
  });

  it('refuses an extra address outside the localRange', async () => {
    await expect(createLab({ name: 'snmpd-addrs-bad', localRange: '198.19.252.0/24', hosts: [{ name: 'x', snmp: { addresses: ['198.19.253.1'] } }] })).rejects.toThrow(/must lie inside the lab's localRange/);
    await expect(createLab({ name: 'snmpd-addrs-bad', hosts: [{ name: 'x', snmp: { addresses: ['198.19.253.1'] } }] })).rejects.toThrow(/none set/);
  });
});
