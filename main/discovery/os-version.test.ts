/**
 * OS, version and model from sysDescr for the families the classifier used to leave without an
 * OS. The strings follow each vendor's banner format as the agents print it (sources in
 * resources/classification/sysdescr.json's "_about"); where a capture is public, the test says which.
 */
import { describe, expect, it } from 'vitest';
import { shippedRules } from './classification-rules.ts';
import { classify } from './classifier.ts';
import { windowsReleaseName } from './os-release.ts';

const c = (sysDescr: string, sysObjectID?: string) => classify({ sysDescr, ...(sysObjectID ? { sysObjectID } : {}) });

describe('OS and version from sysDescr', () => {
  it.each([
    ['NX-OS (short banner)', 'Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(8), RELEASE SOFTWARE Copyright (c) 2002-2021 by Cisco Systems, Inc. Compiled 4/20/2021 8:00:00', '1.3.6.1.4.1.9.12.3.1.3.1812', 'NX-OS', '9.3(8)'],
    ['NX-OS (long banner)', 'Cisco Nexus Operating System (NX-OS) Software\r\nTAC support: http://www.cisco.com/tac\r\nCopyright (c) 2002-2019, Cisco Systems, Inc. All rights reserved.\r\nVersion 7.0(3)I7(6)', undefined, 'NX-OS', '7.0(3)I7(6)'],
    ['IOS-XR', 'Cisco IOS XR Software (Cisco ASR9K Series),  Version 6.5.3[Default]\r\nCopyright (c) 2019 by Cisco Systems, Inc.', '1.3.6.1.4.1.9.1.1017', 'IOS-XR', '6.5.3'],
    ['IOS-XR (NCS)', 'Cisco IOS XR Software (NCS-5500), Version 7.3.2\nCopyright (c) 2013-2021 by Cisco Systems, Inc.', undefined, 'IOS-XR', '7.3.2'],
    ['IOS-XE (Catalyst 9K)', 'Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4, RELEASE SOFTWARE (fc3)', undefined, 'IOS-XE', '17.3.4'],
    ['IOS-XE (ISR)', 'Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4, RELEASE SOFTWARE (fc2)\r\nTechnical Support: http://www.cisco.com/techsupport', undefined, 'IOS-XE', '16.9.4'],
    ['IOS-XE (Catalyst 4500)', 'Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch Software (cat4500e-UNIVERSALK9-M), Version 03.06.06.E RELEASE SOFTWARE (fc1)', undefined, 'IOS-XE', '03.06.06.E'],
    ['ASA', 'Cisco Adaptive Security Appliance Version 9.8(4)10', '1.3.6.1.4.1.9.1.2114', 'ASA', '9.8(4)10'],
    ['FTD', 'Cisco Firepower Threat Defense, Version 6.6.1 (Build 91), ASA Version 9.14(1)150', '1.3.6.1.4.1.9.1.2405', 'FTD', '6.6.1 (build 91)'],
    ['Junos (EX)', 'Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 18.4R2-S5.4, Build date: 2020-08-21 19:31:21 UTC Copyright (c) 1996-2020 Juniper Networks, Inc.', '1.3.6.1.4.1.2636.1.1.1.2.63', 'Junos', '18.4R2-S5.4'],
    ['Junos (MX)', 'Juniper Networks, Inc. mx480 internet router, kernel JUNOS 17.3R3.10, Build date: 2018-10-24 19:53:30 UTC', undefined, 'Junos', '17.3R3.10'],
    ['ScreenOS', 'SSG5-Serial version 6.3.0r12.0 (SN: 0168102006001234, Firewall+VPN)', '1.3.6.1.4.1.3224.1.28', 'ScreenOS', '6.3.0r12.0'],
    ['EOS', 'Arista Networks EOS version 4.24.2.1F running on an Arista Networks DCS-7050SX3-48YC12', '1.3.6.1.4.1.30065.1.3011.7050.3741.48', 'EOS', '4.24.2.1F'],
    ['ArubaOS-Switch', 'Aruba JL256A 2930F-48G-PoE+-4SFP+ Switch, revision WC.16.10.0009, ROM WC.16.01.0006 (/ws/swbuildm/rel_tacoma_qaoff/code/build/anm(swbuildm_rel_tacoma_qaoff_rel_tacoma))', '1.3.6.1.4.1.11.2.3.7.11.181.17', 'ArubaOS-Switch', 'WC.16.10.0009'],
    ['AOS-CX', 'Aruba JL668A 6300F 24G CL4 PoE 4SFP56 Sw  FL.10.08.1010', '1.3.6.1.4.1.47196.4.1.1.1.302', 'AOS-CX', 'FL.10.08.1010'],
    ['Comware 7', 'HPE Comware Platform Software, Software Version 7.1.070, Release 3208P08\r\nHPE FF 5940 48XGT 6QSFP+ Switch\r\nCopyright (c) 2010-2021 Hewlett Packard Enterprise Development LP', '1.3.6.1.4.1.25506.11.1.227', 'Comware', '7.1.070 Release 3208P08'],
    ['Comware 5 (H3C)', 'H3C Comware Platform Software, Software Version 5.20.99, Release 1118P02\r\nH3C S5120-28C-EI\r\nCopyright (c) 2004-2015 Hangzhou H3C Tech. Co., Ltd. All rights reserved.', undefined, 'Comware', '5.20.99 Release 1118P02'],
    ['VRP (CE switch)', 'Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.180 (CE6850EI V200R005C10SPC800)\r\nCopyright (C) 2012-2018 Huawei Technologies Co., Ltd.\r\nHUAWEI CE6850-48S6Q-HI', '1.3.6.1.4.1.2011.2.239.12', 'VRP', '8.180 (V200R005C10SPC800)'],
    ['VRP (S5720)', 'S5720-28X-LI-AC\r\nHuawei Versatile Routing Platform Software\r\n VRP (R) software,Version 5.170 (S5720 V200R011C10SPC500)\r\n Copyright (C) 2000-2018 HUAWEI TECH CO., LTD', undefined, 'VRP', '5.170 (V200R011C10SPC500)'],
    ['RouterOS', 'RouterOS CCR1036-12G-4S', '1.3.6.1.4.1.14988.1', 'RouterOS', null],
    ['SwOS (LibreNMS swos.snmprec)', 'RB260GS', '1.3.6.1.4.1.14988.2', 'SwOS', null],
    ['FortiOS', 'FortiGate-VM64 v7.0.12,build0523,230710 (GA)', '1.3.6.1.4.1.12356.101.1.30', 'FortiOS', '7.0.12 (build 0523)'],
    ['PAN-OS', 'Palo Alto Networks PA-3020 series firewall', '1.3.6.1.4.1.25461.2.3.18', 'PAN-OS', null],
    ['airOS (LibreNMS airos.snmprec)', 'Linux', '1.3.6.1.4.1.10002.1', 'airOS', null],
    ['airOS firmware string', 'Linux 2.6.32.71 XW.ar934x.v6.3.6.33330.210818.1909', '1.3.6.1.4.1.10002.1', 'airOS', '6.3.6'],
    ['EdgeOS', 'EdgeOS v2.0.9-hotfix.7.5622731.230615.0857', '1.3.6.1.4.1.41112.1.5', 'EdgeOS', '2.0.9-hotfix.7'],
    ['DSM', 'Linux DiskStation 4.4.59+ #25426 SMP PREEMPT Mon Dec 14 18:48:50 CST 2020 x86_64', '1.3.6.1.4.1.8072.3.2.10', 'DSM', null],
    ['QTS (LibreNMS qnap.snmprec)', 'Linux hostname 4.2.2', '1.3.6.1.4.1.24681', 'QTS', null],
    ['ESXi', 'VMware ESXi 7.0.3 build-19193900 VMware, Inc. x86_64', '1.3.6.1.4.1.6876.4.1', 'ESXi', '7.0.3'],
    ['FreeBSD', 'FreeBSD files.example.org 13.2-RELEASE-p4 FreeBSD 13.2-RELEASE-p4 GENERIC amd64', '1.3.6.1.4.1.8072.3.2.8', 'FreeBSD', '13.2-RELEASE-p4'],
    ['pfSense', 'pfSense fw.example.lan 2.7.2-RELEASE pfSense FreeBSD 14.0-CURRENT amd64', '1.3.6.1.4.1.12325.1.1.2.1.1', 'pfSense', '2.7.2-RELEASE'],
    ['OPNsense', 'FreeBSD OPNsense.localdomain 13.2-RELEASE-p7 FreeBSD 13.2-RELEASE-p7 stable/23.7-n254871-3f5d0a6e2f8 SMP amd64', '1.3.6.1.4.1.8072.3.2.8', 'OPNsense', '23.7'],
    ['Linux kernel', 'Linux web01 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64', '1.3.6.1.4.1.8072.3.2.10', 'Linux', '6.1.0-18-amd64'],
  ])('%s', (_family, sysDescr, oid, os, version) => {
    const r = c(sysDescr, oid);
    expect({ os: r.os, osVersion: r.osVersion }).toEqual({ os, osVersion: version });
  });

  it('"ProCurve J9021A Switch 2810-24G" gives the part number and series as the model, ProCurve as the OS', () => {
    expect(c('ProCurve J9021A Switch 2810-24G')).toMatchObject({ vendor: 'HP', model: 'J9021A / 2810-24G', os: 'ProCurve', type: 'switch' });
    expect(c('ProCurve J9021A Switch 2810-24G, revision N.11.15, ROM N.10.01 (/sw/code/build/bass(bh2))', '1.3.6.1.4.1.11.2.3.7.11.79')).toMatchObject({ model: 'J9021A / 2810-24G', os: 'ProCurve', osVersion: 'N.11.15' });
    // The series before "Switch", as the 2530 and later print it (still ProVision before 16.x).
    expect(c('HP J9773A 2530-24G-PoEP Switch, revision YA.15.18.0007, ROM YA.15.13 (/ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah))')).toMatchObject({ model: 'J9773A / 2530-24G-PoEP', os: 'ProCurve', osVersion: 'YA.15.18.0007' });
  });

  it('models read from the banners', () => {
    expect(c('Cisco IOS XR Software (Cisco ASR9K Series),  Version 6.5.3[Default]').model).toBe('ASR9K');
    expect(c('Aruba JL668A 6300F 24G CL4 PoE 4SFP56 Sw  FL.10.08.1010').model).toBe('JL668A / 6300F');
    expect(c('HPE Comware Platform Software, Software Version 7.1.070, Release 3208P08\r\nHPE FF 5940 48XGT 6QSFP+ Switch\r\nCopyright (c) 2010-2021').model).toBe('FF 5940 48XGT 6QSFP+ Switch');
    expect(c('Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.180 (CE6850EI V200R005C10SPC800)\r\nCopyright (C) 2012-2018 Huawei Technologies Co., Ltd.\r\nHUAWEI CE6850-48S6Q-HI').model).toBe('CE6850-48S6Q-HI');
    expect(c('SSG5-Serial version 6.3.0r12.0 (SN: 0168102006001234, Firewall+VPN)').model).toBe('SSG5-Serial');
    expect(c('RB260GS', '1.3.6.1.4.1.14988.2')).toMatchObject({ model: 'RB260GS', type: 'switch', vendor: 'MikroTik' });
  });

  it('a banner of one model word is the model ("BEFSX41" on a Linksys, whatever the family)', () => {
    expect(c('BEFSX41', '1.3.6.1.4.1.3955.1.1')).toMatchObject({ vendor: 'Cisco-Linksys', model: 'BEFSX41' });
    // A host name or a word without digits is not a model.
    expect(c('gateway', '1.3.6.1.4.1.3955.1.1').model).toBeNull();
  });

  it('a Linux kernel version is not taken for the version of the NAS OS that won', () => {
    const dsm = c('Linux DiskStation 4.4.59+ #25426 SMP PREEMPT Mon Dec 14 18:48:50 CST 2020 x86_64', '1.3.6.1.4.1.8072.3.2.10');
    expect(dsm).toMatchObject({ os: 'DSM', osVersion: null, vendor: 'Synology', type: 'nas' });
  });
});

describe('Windows by marketing name', () => {
  const win = (software: string, oid?: string) => c(`Hardware: Intel64 Family 6 Model 85 Stepping 7 AT/AT COMPATIBLE - Software: ${software}`, oid);
  const SERVER = '1.3.6.1.4.1.311.1.1.3.1.2';
  const WORKSTATION = '1.3.6.1.4.1.311.1.1.3.1.1';

  it('"Windows 2000 Version 5.1" is XP (the XP agent says 2000)', () => {
    const r = c('Hardware: x86 Family 6 Model 8 Stepping 10 AT/AT COMPATIBLE - Software: Windows 2000 Version 5.1 (Build 2600 Uniprocessor Free)', WORKSTATION);
    expect(r).toMatchObject({ os: 'Windows', osVersion: 'XP (build 2600)', type: 'workstation' });
    expect(r.reasons).toContain('Windows 5.1 build 2600 on a workstation → Windows XP');
  });

  it.each([
    ['Windows 2000 Version 5.0 (Build 2195 Uniprocessor Free)', WORKSTATION, '2000 (build 2195)'],
    ['Windows 2000 Version 5.0 (Build 2195 Multiprocessor Free)', SERVER, '2000 Server (build 2195)'],
    ['Windows Version 5.2 (Build 3790 Multiprocessor Free)', SERVER, 'Server 2003 (build 3790)'],
    ['Windows Version 5.2 (Build 3790 Multiprocessor Free)', undefined, 'XP x64 / Server 2003 (build 3790)'],
    ['Windows Version 6.0 (Build 6002 Multiprocessor Free)', WORKSTATION, 'Vista (build 6002)'],
    ['Windows Version 6.0 (Build 6003 Multiprocessor Free)', SERVER, 'Server 2008 (build 6003)'],
    // LibreNMS tests/snmpsim/windows.snmprec: a 2008 R2 server.
    ['Windows Version 6.1 (Build 7601 Multiprocessor Free)', SERVER, 'Server 2008 R2 (build 7601)'],
    ['Windows Version 6.1 (Build 7601 Multiprocessor Free)', WORKSTATION, '7 (build 7601)'],
    ['Windows Version 6.1 (Build 7601 Multiprocessor Free)', undefined, '7 / Server 2008 R2 (build 7601)'],
    ['Windows Version 6.2 (Build 9200 Multiprocessor Free)', SERVER, 'Server 2012 (build 9200)'],
    ['Windows Version 6.2 (Build 9200 Multiprocessor Free)', WORKSTATION, '8 (build 9200)'],
    ['Windows Version 6.3 (Build 9600 Multiprocessor Free)', SERVER, 'Server 2012 R2 (build 9600)'],
    ['Windows Version 6.3 (Build 9600 Multiprocessor Free)', WORKSTATION, '8.1 (build 9600)'],
    // From 8.1 on the agent keeps saying 6.3; the build tells the release.
    ['Windows Version 6.3 (Build 14393 Multiprocessor Free)', SERVER, 'Server 2016 (build 14393)'],
    ['Windows Version 6.3 (Build 17763 Multiprocessor Free)', SERVER, 'Server 2019 (build 17763)'],
    ['Windows Version 6.3 (Build 19045 Multiprocessor Free)', WORKSTATION, '10 22H2 (build 19045)'],
    ['Windows Version 6.3 (Build 18363 Multiprocessor Free)', WORKSTATION, '10 (build 18363)'],
    ['Windows Version 6.3 (Build 10240 Multiprocessor Free)', WORKSTATION, '10 (build 10240)'],
    ['Windows Version 6.3 (Build 20348 Multiprocessor Free)', SERVER, 'Server 2022 (build 20348)'],
    ['Windows Version 6.3 (Build 22631 Multiprocessor Free)', WORKSTATION, '11 (build 22631)'],
    ['Windows Version 6.3 (Build 22000 Multiprocessor Free)', WORKSTATION, '11 (build 22000)'],
    ['Windows Version 6.3 (Build 26100 Multiprocessor Free)', WORKSTATION, '11 24H2 (build 26100)'],
    ['Windows Version 6.3 (Build 26100 Multiprocessor Free)', SERVER, 'Server 2025 (build 26100)'],
    ['Windows Version 10.0 (Build 17763 Multiprocessor Free)', SERVER, 'Server 2019 (build 17763)'],
  ])('%s (%s) → %s', (software, oid, version) => {
    expect(win(software, oid)).toMatchObject({ os: 'Windows', osVersion: version });
  });

  it('a kernel the table does not know keeps its number', () => {
    expect(win('Windows Version 7.0 (Build 30000 Multiprocessor Free)', SERVER).osVersion).toBe('7.0 (build 30000)');
  });

  it('an edition the release lacks shows the names it has', () => {
    expect(win('Windows Version 5.1 (Build 2600 Multiprocessor Free)', SERVER).osVersion).toBe('XP (build 2600)');
    expect(windowsReleaseName(shippedRules().windowsReleases, '6.3', 20348, 'client')).toBeNull();
    expect(windowsReleaseName(shippedRules().windowsReleases, '6.3', null, null)).toBe('8.1 / Server 2012 R2');
  });
});
