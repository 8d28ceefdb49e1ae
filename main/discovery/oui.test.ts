import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOuiData, OUI_FILE } from '../../scripts/generate-oui.ts';
import { isLocallyAdministered, loadOui, macVendor } from './oui.ts';
import { buildOuiTable, serializeOuiTable, shortVendorName } from './oui-table.ts';

describe('OUI table', () => {
  it('matches the installed oui-data package (run `node scripts/generate-oui.ts` after updating it)', () => {
    const { data, source } = loadOuiData();
    const fresh = serializeOuiTable(buildOuiTable(data, source));
    const committed = readFileSync(OUI_FILE, 'utf8');
    // Compare cheaply first so a failure does not print two megabytes.
    expect(committed.length, 'resources/oui/oui.json is out of date: run node scripts/generate-oui.ts').toBe(fresh.length);
    expect(committed === fresh, 'resources/oui/oui.json is out of date: run node scripts/generate-oui.ts').toBe(true);
  });

  it('shortens vendor names', () => {
    expect(shortVendorName('Cisco Systems, Inc')).toBe('Cisco Systems');
    expect(shortVendorName('HUAWEI TECHNOLOGIES CO.,LTD')).toBe('HUAWEI TECHNOLOGIES');
    expect(shortVendorName('Shenzhen  Foo Tech Co., Ltd.')).toBe('Shenzhen Foo Tech');
    expect(shortVendorName('Hewlett Packard')).toBe('Hewlett Packard');
    expect(shortVendorName('Ubiquiti Inc')).toBe('Ubiquiti');
    expect(shortVendorName('AG')).toBe('AG');
  });

  it('builds prefix groups and skips private entries', () => {
    const t = buildOuiTable({ '00000C': 'Cisco Systems, Inc\nSan Jose', '00000D': 'Private', '70B3D5000': 'Acme GmbH\nx', junk: 'x' }, 'test');
    expect(t).toEqual({ source: 'test', count: 2, vendors: [['Acme', '70b3d5000'], ['Cisco Systems', '00000c']] });
  });
});

describe('MAC vendor lookup', () => {
  it('finds well-known vendors in any MAC spelling', async () => {
    expect(await macVendor('00:00:0c:12:34:56')).toBe('Cisco Systems');
    expect(await macVendor('00-1B-54-AA-BB-CC')).toBe('Cisco Systems');
    expect(await macVendor('000c.4212.3456')).toBe('Routerboard.com');
    expect(await macVendor('00:c0:b7:01:02:03')).toMatch(/American Power Conversion/i);
  });

  it('prefers the longest (MA-M / MA-S) prefix and never answers with the registry itself', async () => {
    const oui = await loadOui();
    // 70:b3:d5 is an MA-L block of the IEEE Registration Authority, split into MA-S blocks.
    expect(oui.vendorOf('70:b3:d5:00:10:01')).toBe('SOREDI touch systems');
    expect(oui.vendorOf('70:b3:d5:00:20:01')).toBe('Gogo BA');
    // 70b3d5000 is not assigned: no answer rather than "IEEE Registration Authority".
    expect(oui.vendorOf('70:b3:d5:00:00:01')).toBeUndefined();
  });

  it('says nothing about locally administered, malformed or unknown MACs', async () => {
    expect(isLocallyAdministered('02:77:66:6c:01:01')).toBe(true);
    expect(await macVendor('02:77:66:6c:01:01')).toBeUndefined();
    expect(await macVendor('not a mac')).toBeUndefined();
  });

  it('loads once', async () => {
    expect(await loadOui()).toBe(await loadOui());
    expect((await loadOui()).size).toBeGreaterThan(40_000);
  });
});
