import { describe, expect, it } from 'vitest';
import { TemplateItem, type Transform } from '../api/templates.ts';
import type { PolledValue } from '../templates/table-rows.ts';
import { createCounterTracker } from './counter-rate.ts';
import { itemValue, type ValueContext } from './snmp-values.ts';

const ctx = (columns: Record<string, PolledValue> = {}): ValueContext => ({
  tracker: createCounterTracker(),
  key: 'k',
  ts: 1_700_000_000_000,
  uptime: undefined,
  maxRate: undefined,
  counterBits: undefined,
  column: (oid) => columns[oid] ?? null,
});

const gauge = { valueType: 'gauge' as const };
const state = { valueType: 'state' as const };
const value = (item: Pick<TemplateItem, 'valueType'>, raw: PolledValue, transforms: Transform[], columns?: Record<string, PolledValue>) => itemValue(item, raw, transforms, ctx(columns));

describe('text transforms', () => {
  const ha: Transform = { type: 'textMap', map: { initial: 1, active: 2, passive: 3, suspended: 4, 'non-functional': 5 } };

  it('textMap: a text to its state, trimmed and without case; unknown text has no sample unless `other` is given', () => {
    expect(value(state, 'active', [ha])).toEqual({ ok: true, value: 2 });
    expect(value(state, ' Passive \n', [ha])).toEqual({ ok: true, value: 3 });
    expect(value(state, 'NON-FUNCTIONAL', [ha])).toEqual({ ok: true, value: 5 });
    expect(value(state, 'tentative', [ha])).toEqual({ ok: false, reason: 'unmapped-text' });
    expect(value(state, 'tentative', [{ ...ha, other: 0 } as Transform])).toEqual({ ok: true, value: 0 });
    // A number answered where text was expected is looked up as its text.
    expect(value(state, 7, [{ type: 'textMap', map: { '7': 70 } }])).toEqual({ ok: true, value: 70 });
  });

  it('number: the first number of a text, or the one a pattern captures; numeric answers as they are', () => {
    expect(value(gauge, '26C', [{ type: 'number' }])).toEqual({ ok: true, value: 26 });
    expect(value(gauge, 'Temp: -3.5 dBm', [{ type: 'number' }])).toEqual({ ok: true, value: -3.5 });
    expect(value(gauge, 'n/a', [{ type: 'number' }])).toEqual({ ok: false, reason: 'bad-value' });
    expect(value(gauge, 42, [{ type: 'number' }])).toEqual({ ok: true, value: 42 });
    const dnos = '    5 Secs ( 12.5%)   60 Secs (  9.25%)  300 Secs (  7.0%)';
    expect(value(gauge, dnos, [{ type: 'number' }])).toEqual({ ok: true, value: 5 });
    expect(value(gauge, dnos, [{ type: 'number', pattern: '60 Secs \\( *([0-9.]+)%' }])).toEqual({ ok: true, value: 9.25 });
    expect(value(gauge, 'no such figure', [{ type: 'number', pattern: '60 Secs \\( *([0-9.]+)%' }])).toEqual({ ok: false, reason: 'bad-value' });
    // Then the other transforms, in order.
    expect(value(gauge, '26C', [{ type: 'number' }, { type: 'scale', factor: 10 }])).toEqual({ ok: true, value: 260 });
  });

  it('text items stay text, and a number without a text transform is still refused', () => {
    expect(value({ valueType: 'text' }, 'active', [ha])).toEqual({ ok: false, reason: 'text' });
    expect(value(gauge, '26C', [])).toEqual({ ok: false, reason: 'bad-value' });
  });

  it('the schema keeps text transforms first and a map without duplicates', () => {
    const item = (transforms: unknown[]) => TemplateItem.safeParse({ key: 'x', name: 'X', oid: '1.3.6.1.4.1.1.0', mib: 'A-MIB::x', valueType: 'gauge', transforms });
    expect(item([{ type: 'number' }, { type: 'scale', factor: 2 }]).success).toBe(true);
    expect(item([{ type: 'scale', factor: 2 }, { type: 'number' }]).error?.issues[0]?.message).toMatch(/only the first transform/);
    expect(item([{ type: 'textMap', map: { Up: 1, up: 2 } }]).error?.issues[0]?.message).toMatch(/mapped twice/);
    expect(item([{ type: 'textMap', map: {} }]).success).toBe(false);
    expect(item([{ type: 'number', pattern: '(' }]).success).toBe(false);
  });
});

describe('linear', () => {
  const toCelsius: Transform = { type: 'linear', factor: 5 / 9, offset: -160 / 9 };

  it('scale and offset: °F to °C', () => {
    expect(value(gauge, 212, [toCelsius])).toMatchObject({ ok: true });
    const boil = value(gauge, 212, [toCelsius]);
    const freeze = value(gauge, 32, [toCelsius]);
    expect(boil.ok && boil.value).toBeCloseTo(100, 9);
    expect(freeze.ok && freeze.value).toBeCloseTo(0, 9);
    // Tenths of a degree Fahrenheit: scale first, then convert.
    const room = value(gauge, 770, [{ type: 'scale', factor: 0.1 }, toCelsius]);
    expect(room.ok && room.value).toBeCloseTo(25, 9);
  });

  it("with `when`, only in rows whose column says so; a row without that column has no sample", () => {
    const unit = '1.3.6.1.4.1.3854.1.2.2.1.16.1.12';
    const onlyF: Transform = { ...toCelsius, when: { oid: unit, mib: 'SPAGENT-MIB::sensorProbeTempDegreeType', values: [0] } } as Transform;
    const f = value(gauge, 77, [onlyF], { [unit]: 0 });
    expect(f.ok && f.value).toBeCloseTo(25, 9);
    expect(value(gauge, 25, [onlyF], { [unit]: 1 })).toEqual({ ok: true, value: 25 });
    expect(value(gauge, 25, [onlyF], {})).toEqual({ ok: false, reason: 'missing-column' });
  });
});
