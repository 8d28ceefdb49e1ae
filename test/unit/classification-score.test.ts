import { describe, expect, it } from 'vitest';
import { modelAgrees, osAgrees, typeAgrees, vendorAgrees } from '../support/classification-score.ts';
import { parseCorpusFile } from '../support/device-corpus.ts';

const expectation = { os: 'procurve', osText: 'HP ProCurve', type: 'network', icon: 'hpe', hardware: 'J9021A 2810-24G', version: 'N.11.15', serial: null };

describe('corpus scoring', () => {
  it('compares types across vocabularies', () => {
    expect(typeAgrees('switch', 'network')).toBe(true);
    expect(typeAgrees('router', 'network')).toBe(true);
    expect(typeAgrees('server', 'network')).toBe(false);
    expect(typeAgrees('pdu', 'power')).toBe(true);
    expect(typeAgrees('sensor', 'environment')).toBe(true);
    expect(typeAgrees('unknown', 'printer')).toBe(false);
    expect(typeAgrees('switch', null)).toBeNull();
  });

  it('compares vendors by company, models and OS names by their letters and digits', () => {
    expect(vendorAgrees('HP', expectation)).toBe(true);
    expect(vendorAgrees('Aruba', expectation)).toBe(true);
    expect(vendorAgrees('Cisco', expectation)).toBe(false);
    expect(vendorAgrees(null, expectation)).toBe(false);
    expect(vendorAgrees('Anyone', { ...expectation, icon: 'linux' })).toBeNull();
    expect(modelAgrees('J9021A', expectation.hardware)).toBe(true);
    expect(modelAgrees('J90', expectation.hardware)).toBe(false);
    expect(modelAgrees(null, null)).toBeNull();
    expect(osAgrees('ProCurve', expectation)).toBe(true);
    expect(osAgrees('HP ProCurve', expectation)).toBe(true);
    expect(osAgrees('Comware', expectation)).toBe(false);
  });

  it('reads a capture: header expectation, system group, evidence and family probe values', () => {
    const d = parseCorpusFile(
      'x',
      [
        '# source: test',
        `# expect (test): ${JSON.stringify(expectation)}`,
        '1.3.6.1.2.1.1.1.0|4|Linux box 5.10.0 #1 SMP x86_64',
        '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10',
        '1.3.6.1.2.1.1.7.0|2|72',
        '1.3.6.1.2.1.47.1.1.1.1.5.1001|2|3',
        '1.3.6.1.2.1.47.1.1.1.1.11.1001|4x|534e31323334',
        '1.3.6.1.2.1.47.1.1.1.1.13.1001|4|MODEL-9',
        '1.0.8802.1.1.2.1.3.6.0|4x|2800',
        '1.3.6.1.2.1.33.1.1.2.0|4|Smart-UPS 1500',
      ].join('\n'),
    );
    expect(d.expect.os).toBe('procurve');
    expect(d.system).toEqual({ sysDescr: 'Linux box 5.10.0 #1 SMP x86_64', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysServices: 72 });
    expect(d.full.evidence?.entity).toMatchObject({ serial: 'SN1234', model: 'MODEL-9' });
    expect(d.full.evidence?.lldpCapabilities).toEqual(['bridge', 'router']);
    expect(d.full.evidence?.ups).toMatchObject({ model: 'Smart-UPS 1500' });
    // A Net-SNMP Linux host leaves families open: their probes are asked, absent ones recorded as null.
    const values = d.full.evidence?.familyValues ?? {};
    expect(Object.keys(values).length).toBeGreaterThan(5);
    expect(Object.values(values).every((v) => v === null)).toBe(true);
  });
});
