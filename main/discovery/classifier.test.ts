/**
 * Classification of realistic hosts. Where a sysDescr/sysObjectID pair comes from a real agent
 * capture, the comment says which; the others follow the vendor's documented banner format.
 */
import { describe, expect, it } from 'vitest';
import { compileRules, shippedRules } from './classification-rules.ts';
import { classify } from './classifier.ts';

describe('classifier', () => {
  it('Cisco IOS router (ISR G2 3925)', () => {
    // IOS 15 banner as printed by `show version` / sysDescr on an ISR G2 (C3900 platform).
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.9.1.1042',
      sysDescr:
        'Cisco IOS Software, C3900 Software (C3900-UNIVERSALK9-M), Version 15.2(4)M6, RELEASE SOFTWARE (fc2)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2014 by Cisco Systems, Inc.\r\nCompiled Sat 29-Mar-14 07:21 by prod_rel_team',
      sysServices: 78,
      openPorts: [22, 23],
    });
    expect(c).toMatchObject({ type: 'router', vendor: 'Cisco', model: 'Cisco 3925', os: 'IOS', osVersion: '15.2(4)M6' });
    expect(c.confidence).toBeGreaterThan(0.8);
    expect(c.reasons).toEqual(
      expect.arrayContaining([
        'sysObjectID 1.3.6.1.4.1.9.x → Cisco',
        'sysObjectID 1.3.6.1.4.1.9.1.1042 → Cisco 3925, router',
        'sysServices 78 (layers 2, 3, 4, 7) has layers 2 and 3 → layer-3 switch or router',
      ]),
    );
  });

  it('Cisco switch (Catalyst 2960)', () => {
    // IOS 12.2(55)SE banner of a WS-C2960-24TT-L; 2960s report sysServices 2 (bridging only).
    const c = classify({
      sysObjectID: '.1.3.6.1.4.1.9.1.716',
      sysDescr:
        'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE7, RELEASE SOFTWARE (fc1)\nTechnical Support: http://www.cisco.com/techsupport\nCopyright (c) 1986-2013 by Cisco Systems, Inc.\nCompiled Mon 28-Jan-13 10:22 by prod_rel_team',
      sysServices: 2,
    });
    expect(c).toMatchObject({ type: 'switch', vendor: 'Cisco', model: 'Catalyst WS-C2960-24TT-L', os: 'IOS', osVersion: '12.2(55)SE7' });
    expect(c.confidence).toBeGreaterThan(0.85);
    expect(c.reasons).toContain('sysServices 2 (layers 2) has layer 2 without layer 3 → switch');
  });

  it('Cisco Catalyst 2950 with the classic IOS banner (LibreNMS tests/snmpsim/ios.snmprec)', () => {
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.9.1.359',
      sysDescr:
        'Cisco Internetwork Operating System Software \r\nIOS (tm) C2950 Software (C2950-I6K2L2Q4-M), Version 12.1(22)EA14, RELEASE SOFTWARE (fc1)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2010 by cisco Systems, Inc.',
    });
    expect(c).toMatchObject({ type: 'switch', vendor: 'Cisco', model: 'Catalyst WS-C2950T-24', os: 'IOS', osVersion: '12.1(22)EA14' });
  });

  it('Catalyst 9300 on IOS-XE is a layer-3 switch running IOS-XE', () => {
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.9.1.2494',
      sysDescr: 'Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4, RELEASE SOFTWARE (fc3)',
      sysServices: 6,
    });
    expect(c).toMatchObject({ type: 'l3-switch', os: 'IOS-XE', osVersion: '17.3.4', model: 'Catalyst 9300 (stack)' });
  });

  it('Linux server with Net-SNMP', () => {
    // Net-SNMP's default sysDescr is `uname -a` without the node name repeated: "Linux HOST RELEASE VERSION MACHINE".
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
      sysDescr: 'Linux web01 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64',
      sysServices: 72,
      openPorts: [22, 80, 443],
      macVendor: 'Dell',
    });
    expect(c).toMatchObject({ type: 'server', os: 'Linux', osVersion: '5.15.0-91-generic', vendor: 'Dell' });
    expect(c.confidence).toBeGreaterThan(0.75);
    expect(c.reasons).toContain('sysObjectID 1.3.6.1.4.1.8072.x → the Net-SNMP agent (usually a server)');
  });

  it('Windows server (LibreNMS tests/snmpsim/windows.snmprec)', () => {
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.311.1.1.3.1.2',
      sysDescr: 'Hardware: Intel64 Family 6 Model 26 Stepping 4 AT/AT COMPATIBLE - Software: Windows Version 6.1 (Build 7601 Multiprocessor Free)',
      sysServices: 76,
      openPorts: [445, 3389],
    });
    expect(c).toMatchObject({ type: 'server', vendor: 'Microsoft', os: 'Windows', osVersion: 'Server 2008 R2 (build 7601)' });
    // RDP and SMB also hint at a workstation: the runner-up costs a little confidence.
    expect(c.confidence).toBeGreaterThan(0.75);
    expect(c.scores.workstation).toBeGreaterThan(0);
  });

  it('HP printer with JetDirect (LibreNMS tests/snmpsim/jetdirect.snmprec)', () => {
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.11.2.3.9.1',
      sysDescr: 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD143,EEPROM V.43.92,CIDATE 07/22/2015',
      sysServices: 72,
      openPorts: [80, 443, 515, 631, 9100],
    });
    expect(c).toMatchObject({ type: 'printer', vendor: 'HP', os: 'JetDirect' });
    expect(c.confidence).toBeGreaterThan(0.9);
  });

  it('APC UPS (Network Management Card banner, format of LibreNMS tests/snmpsim/apc.snmprec, Smart-UPS values)', () => {
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.318.1.3.27',
      sysDescr: 'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.7.2 PN:apc_hw05_aos_672.bin AF1:v6.7.2 AN1:apc_hw05_sumx_672.bin MN:AP9631 HR:05 SN: 5A1234E12345 MD:06/23/2016)',
      macVendor: 'AMERICAN POWER CONVERSION',
    });
    expect(c).toMatchObject({ type: 'ups', vendor: 'APC', os: 'AOS', osVersion: '6.7.2' });
    expect(c.confidence).toBeGreaterThan(0.8);
  });

  it('APC NetBotz rack monitor is an environment sensor, not a UPS (LibreNMS tests/snmpsim/apc.snmprec)', () => {
    const c = classify({
      sysObjectID: '1.3.6.1.4.1.318.1.3.8.4',
      sysDescr: 'APC Web/SNMP Management Card (MB:v3.9.2 PF:v3.5.9 PN:apc_hw03_aos_359.bin AF1:v3.5.6 AN1:apc_hw03_nb200_356.bin MN:NBRK0200 HR:05 SN: FFFFFFFFFFFF MD:07/07/2012)',
    });
    expect(c.vendor).toBe('APC');
    // A NetBotz on an APC card is an environment monitor, though the APC family usually means power.
    expect(c.type).toBe('sensor');
    expect(c.reasons).toContainEqual(expect.stringMatching(/matches APC NetBotz → environment sensor$/));
  });

  it('FortiGate with a free-text sysDescr (LibreNMS tests/snmpsim/fortigate_1500d.snmprec)', () => {
    const c = classify({ sysObjectID: '1.3.6.1.4.1.12356.101.1.15000', sysDescr: 'our firewall', sysServices: 78 });
    expect(c).toMatchObject({ type: 'firewall', vendor: 'Fortinet', model: 'FortiGate', os: 'FortiOS' });
    expect(c.confidence).toBeGreaterThan(0.7);
  });

  it('Palo Alto, MikroTik and ESXi banners', () => {
    // LibreNMS tests/snmpsim/panos.snmprec (sysObjectID is the bare enterprise there).
    expect(classify({ sysObjectID: '1.3.6.1.4.1.25461', sysDescr: 'Palo Alto Networks PA-3000 series firewall' })).toMatchObject({
      type: 'firewall',
      vendor: 'Palo Alto Networks',
      model: 'PA-3000',
      os: 'PAN-OS',
    });
    expect(classify({ sysObjectID: '1.3.6.1.4.1.14988.1', sysDescr: 'RouterOS RB951Ui-2HnD' })).toMatchObject({ type: 'router', vendor: 'MikroTik', model: 'RB951Ui-2HnD', os: 'RouterOS' });
    expect(classify({ sysObjectID: '1.3.6.1.4.1.6876.4.1', sysDescr: 'VMware ESXi 7.0.3 build-21930508 VMware, Inc. x86_64' })).toMatchObject({
      type: 'hypervisor',
      vendor: 'VMware',
      os: 'ESXi',
      osVersion: '7.0.3',
    });
  });

  it('ping-only host with port 22 open: a server, with low confidence', () => {
    const c = classify({ openPorts: [22] });
    expect(c).toMatchObject({ type: 'server', vendor: null, model: null, os: null });
    expect(c.confidence).toBeGreaterThan(0.1);
    expect(c.confidence).toBeLessThan(0.4);
    expect(c.reasons).toEqual(['open port SSH (22) → server']);
  });

  it('host with only a MAC vendor', () => {
    const cam = classify({ macVendor: 'Axis Communications' });
    expect(cam).toMatchObject({ type: 'camera', vendor: 'Axis' });
    expect(cam.confidence).toBeLessThan(0.6);
    expect(cam.reasons).toEqual(['MAC vendor Axis Communications → Axis, camera']);
    const cisco = classify({ macVendor: 'Cisco Systems' });
    expect(cisco).toMatchObject({ type: 'unknown', vendor: 'Cisco', confidence: 0 });
    expect(classify({ macVendor: 'Shenzhen Something Electronics' })).toMatchObject({ type: 'unknown', vendor: 'Shenzhen Something Electronics' });
  });

  it('nothing known: unknown with zero confidence', () => {
    expect(classify({})).toEqual({ type: 'unknown', vendor: null, model: null, os: null, osVersion: null, family: null, confidence: 0, reasons: ['No evidence of the device type'], scores: {} });
  });

  it('unknown enterprise is said so; odd OID spellings are accepted', () => {
    expect(classify({ sysObjectID: '1.3.6.1.4.1.99999.1' }).reasons).toEqual(['sysObjectID enterprise 99999 is not in the vendor map', 'No evidence of the device type']);
    expect(classify({ sysObjectID: 'SNMPv2-SMI::enterprises.9.1.716' }).model).toBe('Catalyst WS-C2960-24TT-L');
    expect(classify({ sysObjectID: 'iso.3.6.1.4.1.9.1.716' }).model).toBe('Catalyst WS-C2960-24TT-L');
  });
});

describe('classifier: vendor from the IANA enterprise number', () => {
  it('Sun (42, not curated) is named from the registry, and the reason says so', () => {
    // Solaris' Sun SNMP agent (sysObjectID 1.3.6.1.4.1.42.2.1.1) with its usual sysDescr.
    const c = classify({ sysObjectID: '1.3.6.1.4.1.42.2.1.1', sysDescr: 'SunOS sunbox 5.10 Generic_147440-01 sun4v' });
    expect(c.vendor).toBe('Sun Microsystems');
    expect(c.reasons).toContain('sysObjectID 1.3.6.1.4.1.42.x → Sun Microsystems (vendor from IANA enterprise number 42)');
  });

  it('an obscure enterprise gives its registered organisation, as registered', () => {
    const c = classify({ sysObjectID: '1.3.6.1.4.1.62331.1.9' });
    expect(c).toMatchObject({ vendor: 'Watermark Auto Group', type: 'unknown' });
    expect(c.reasons[0]).toBe('sysObjectID 1.3.6.1.4.1.62331.x → Watermark Auto Group (vendor from IANA enterprise number 62331)');
    // The bare enterprise OID (no product arc) names it too.
    expect(classify({ sysObjectID: '1.3.6.1.4.1.62331' }).vendor).toBe('Watermark Auto Group');
    // A number an OS family knows: the family names the product line; the registry's reason stays.
    const avtech = classify({ sysObjectID: '1.3.6.1.4.1.20916.1.9' });
    expect(avtech).toMatchObject({ vendor: 'AVTECH', type: 'sensor' });
    expect(avtech.reasons).toEqual([
      'sysObjectID 1.3.6.1.4.1.20916.x → AVTECH Software, Inc. (vendor from IANA enterprise number 20916)',
      'sysObjectID 1.3.6.1.4.1.20916.1.x → Avtech Environment Sensor (environment sensor)',
    ]);
  });

  it('curated short names win over the registry organisation', () => {
    expect(classify({ sysObjectID: '1.3.6.1.4.1.9.1.1' }).vendor).toBe('Cisco'); // registry: "ciscoSystems"
    expect(classify({ sysObjectID: '1.3.6.1.4.1.476.1.42' }).vendor).toBe('Vertiv (Liebert)'); // registry: "Vertiv"
    expect(classify({ sysObjectID: '1.3.6.1.4.1.3224.1.51' })).toMatchObject({ vendor: 'NetScreen (Juniper)', type: 'firewall', os: 'ScreenOS' });
    expect(classify({ sysObjectID: '1.3.6.1.4.1.3902.3.100' }).vendor).toBe('ZTE'); // registry: "Zhongxing Telecom Co.,ltd. (abbr. ZTE)"
  });

  it('a vendor named by sysDescr beats the registry organisation of the agent', () => {
    // An OEM's agent under its supplier's number: the banner's vendor is the device's.
    const c = classify({ sysObjectID: '1.3.6.1.4.1.20916.1', sysDescr: 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE7' });
    expect(c.vendor).toBe('Cisco');
  });

  it('Net-SNMP (8072) is the generic agent, never the vendor', () => {
    const c = classify({ sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysDescr: 'Linux gw 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64' });
    expect(c.vendor).toBeNull();
    expect(c.os).toBe('Linux');
    expect(c.reasons).toContainEqual(expect.stringContaining('Net-SNMP agent'));
    expect(c.reasons.join('\n')).not.toMatch(/net-snmp \(vendor from IANA/i);
  });

  it('other generic agents (UCD-SNMP 2021, FreeBSD bsnmpd 12325, Broadcom FASTPATH 4413) name no vendor either', () => {
    for (const [oid, agent] of [
      ['1.3.6.1.4.1.2021.250.10', 'UCD-SNMP'],
      ['1.3.6.1.4.1.12325.1.1.2.1.1', 'bsnmpd (FreeBSD)'],
      ['1.3.6.1.4.1.4413', 'Broadcom FASTPATH'],
    ] as const) {
      const c = classify({ sysObjectID: oid });
      expect(c.vendor, oid).toBeNull();
      expect(c.reasons[0], oid).toContain(`the ${agent} agent`);
    }
    // pfSense on bsnmpd: the vendor is left to other evidence (here the MAC), not "Fraunhofer FOKUS".
    expect(classify({ sysObjectID: '1.3.6.1.4.1.12325.1.1.2.1.1', macVendor: 'Netgate' }).vendor).toBe('Netgate');
  });

  it('Windows (311) keeps Microsoft as the vendor', () => {
    expect(classify({ sysObjectID: '1.3.6.1.4.1.311.1.1.3.1.1' }).vendor).toBe('Microsoft');
  });

  it('uses the registry the rules were compiled with', () => {
    const rules = compileRules(
      { enterprises: { enterprises: {} }, products: { products: [] }, sysDescr: { rules: [] }, services: { rules: [] }, ports: { rules: [] }, macVendors: { rules: [] } },
      { nameOf: (n) => (n === 4242 ? 'Test Org' : undefined) },
    );
    expect(classify({ sysObjectID: '1.3.6.1.4.1.4242.1' }, rules).vendor).toBe('Test Org');
    expect(classify({ sysObjectID: '1.3.6.1.4.1.9.1' }, rules).reasons[0]).toBe('sysObjectID enterprise 9 is not in the vendor map');
  });
});

describe('classification rules', () => {
  it('the shipped rules compile and cover the common vendors', () => {
    const rules = shippedRules();
    for (const pen of ['9', '11', '14823', '47196', '2636', '14988', '41112', '12356', '25461', '2620', '8741', '2011', '674', '6027', '1916', '1991', '30065', '4526', '11863', '890', '171', '318', '534', '6574', '24681', '789', '8072', '311', '6876', '253', '641', '2435', '1602', '367', '1347', '18334', '1248', '368', '39165', '13885', '3955', '25053', '29671']) {
      expect(rules.enterprises.has(pen), `enterprise ${pen}`).toBe(true);
    }
    expect(rules.sysDescr.length).toBeGreaterThan(30);
  });

  it('a broken rule file fails loudly with its name', () => {
    const ok = { enterprises: { enterprises: {} }, products: { products: [] }, sysDescr: { rules: [] }, services: { rules: [] }, ports: { rules: [] }, macVendors: { rules: [] } };
    expect(() => compileRules({ ...ok, sysDescr: { rules: [{ id: 'x', label: 'x', pattern: '(' }] } })).toThrow(/sysdescr\.json: rules\.0\.pattern: invalid regular expression/);
    expect(() => compileRules({ ...ok, products: { products: [{ oid: '.1.3', model: null }] } })).toThrow(/products\.json/);
    expect(() => compileRules({ ...ok, ports: { rules: [{ any: [22], label: 'x', types: { toaster: 1 } }] } })).toThrow(/ports\.json/);
  });
});
