import { describe, expect, it } from 'vitest';
import { type CsvValue, toCsv } from './csv.ts';

const one = (value: CsvValue, eol?: '\n' | '\r\n') => toCsv([{ header: 'v', value: (r: { v: CsvValue }) => r.v }], [{ v: value }], eol ? { eol } : {});

describe('CSV writer', () => {
  it.each(['=', '+', '-', '@', '\t', '\uFF1D'])('puts a quote before text starting with %j', (c) => {
    expect(one(`${c}cmd|' /C calc'!A0`)).toBe(`v\n'${c}cmd|' /C calc'!A0\n`);
  });

  it('puts a quote before text starting with a carriage return, and quotes the cell', () => {
    expect(one("\r=1+1")).toBe(`v\n"'\r=1+1"\n`);
  });

  it('escapes the formula a device could name itself, and keeps the cell one cell', () => {
    const csv = one('=HYPERLINK("http://x","y")');
    expect(csv).toBe('v\n"\'=HYPERLINK(""http://x"",""y"")"\n');
  });

  it('leaves numbers as numbers, negative or not, and plain text as it is', () => {
    expect(one(-12.5)).toBe('v\n-12.5\n');
    expect(one(-3)).toBe('v\n-3\n');
    expect(one(0)).toBe('v\n0\n');
    expect(one('core-sw1')).toBe('v\ncore-sw1\n');
    expect(one('a=b')).toBe('v\na=b\n');
    // Text that looks like a negative number is still text from the network: escaped.
    expect(one('-12')).toBe("v\n'-12\n");
  });

  it('quotes commas, quotes and line breaks (RFC 4180); empty for null and undefined; true/false', () => {
    const csv = toCsv(
      [
        { header: 'a', value: (r: Record<string, CsvValue>) => r.a },
        { header: 'b', value: (r) => r.b },
        { header: 'c', value: (r) => r.c },
        { header: 'd', value: (r) => r.d },
        { header: 'e', value: (r) => r.e },
        { header: 'f', value: (r) => r.f },
      ],
      [{ a: 'Server room, rack 2', b: 'say "hi"', c: 'line 1\nline 2', d: null, e: undefined, f: true }],
      { eol: '\r\n' },
    );
    expect(csv).toBe('a,b,c,d,e,f\r\n"Server room, rack 2","say ""hi""","line 1\nline 2",,,true\r\n');
  });
});
