import { describe, expect, it } from 'vitest';
import { snmpDetails, zabbixHostName } from './push.ts';
import { downsample, hostGroupsSelector } from './reads.ts';
import { parseVersion } from './request.ts';

describe('zabbix push helpers', () => {
  it('makes valid technical host names', () => {
    expect(zabbixHostName('core-sw1.site')).toBe('core-sw1.site');
    expect(zabbixHostName('Büro/Drucker #2')).toBe('B_ro_Drucker _2');
    expect(() => zabbixHostName('  ')).toThrow();
  });

  it('SNMP interface details for v2c and v3', () => {
    expect(snmpDetails({ version: '2c', community: 'public' })).toEqual({ version: 2, bulk: 1, community: 'public' });
    expect(snmpDetails({ version: '1', community: 'c' })).toMatchObject({ version: 1 });
    expect(
      snmpDetails({ version: '3', securityName: 'admin', securityLevel: 'authPriv', authProtocol: 'sha256', authPassphrase: 'a'.repeat(8), privProtocol: 'aes256r', privPassphrase: 'p'.repeat(8) }),
    ).toEqual({ version: 3, bulk: 1, securityname: 'admin', securitylevel: 2, contextname: '', authprotocol: 3, authpassphrase: 'aaaaaaaa', privprotocol: 5, privpassphrase: 'pppppppp' });
    expect(snmpDetails({ version: '3', securityName: 'ro', securityLevel: 'noAuthNoPriv' })).toEqual({ version: 3, bulk: 1, securityname: 'ro', securitylevel: 0, contextname: '' });
  });

  it('host groups are selectGroups on 6.0 and selectHostGroups from 6.2', () => {
    expect(hostGroupsSelector(parseVersion('6.0.14')!).param).toBe('selectGroups');
    expect(hostGroupsSelector(parseVersion('7.0.0')!)).toEqual({ param: 'selectHostGroups', field: 'hostgroups' });
  });

  it('downsamples numeric history into buckets with min and max', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ clock: i * 1000, value: i }));
    const out = downsample(points, 10, 0, 100_000);
    expect(out).toHaveLength(10);
    expect(out[0]).toEqual({ clock: 0, value: 4.5, min: 0, max: 9 });
    const text = Array.from({ length: 20 }, (_, i) => ({ clock: i, value: `v${i}` }));
    expect(downsample(text, 5, 0, 20).map((p) => p.value)).toEqual(['v15', 'v16', 'v17', 'v18', 'v19']);
  });
});
