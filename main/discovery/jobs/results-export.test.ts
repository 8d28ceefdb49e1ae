import { describe, expect, it } from 'vitest';
import { discoveryHost } from '../../../test/support/discovery-host.ts';
import type { DiscoveryHost } from '../../api/discovery.ts';
import { resultsToCsv } from './results-export.ts';

/** The CSV's own host: a credential label, two open ports, a shorter sysDescr. */
const host = (over: Partial<DiscoveryHost> = {}) =>
  discoveryHost({ rttMs: 1.25, openPorts: [22, 443], sysDescr: 'Cisco IOS Software, ISR Software, Version 16.9.4', credentialLabel: 'command line #1 (v2c)', ...over });

describe('discovery results as CSV', () => {
  it('escapes a sysName that is a formula (the device names itself), in every column it reaches', () => {
    const evil = '=HYPERLINK("http://x","y")';
    const csv = resultsToCsv([host({ name: evil, sysName: evil, sysLocation: '+1-555', sysContact: '@admin' })]);
    const [header, row] = csv.split('\r\n');
    expect(header!.split(',').slice(0, 2)).toEqual(['address', 'name']);
    const escaped = `"'=HYPERLINK(""http://x"",""y"")"`;
    expect(row).toContain(`198.18.0.7,${escaped},router,`);
    expect(row).toContain(`,1.25,${escaped},"Cisco IOS Software, ISR Software, Version 16.9.4",1.3.6.1.4.1.9.1.1861,100,'@admin,'+1-555,6,2c,`);
    expect(row).not.toMatch(/(^|,)=/);
  });

  it('has the inventory columns after the model; a result stored before them has empty cells', () => {
    const [header, row, old] = resultsToCsv([host({ model: 'WS-C3850-48P', serial: 'FOC1234X0AB', firmware: '16.12.4', hardwareRev: 'V07' }), host({ address: '198.18.0.8' })]).split('\r\n');
    expect(header).toMatch(/,vendor,model,serial,firmware,hardware_rev,os,/);
    expect(row).toContain(',WS-C3850-48P,FOC1234X0AB,16.12.4,V07,');
    // discoveryHost() is a result as stored before the inventory fields existed.
    expect(old).toContain(',ISR4331,,,,IOS,');
  });

  it('uses CRLF for files and LF for a terminal, quoting line breaks inside a cell', () => {
    const h = host({ sysDescr: 'line 1\r\nline 2' });
    const file = resultsToCsv([h]);
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file).toContain('"line 1\r\nline 2"');
    const terminal = resultsToCsv([h], '\n');
    expect(terminal.split('\n')[0]).toMatch(/^address,name,type,/);
    expect(terminal).toContain('"line 1\r\nline 2"');
  });
});
