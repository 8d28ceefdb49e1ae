import { describe, expect, it } from 'vitest';
import { HOST_NAME, hostNameProblem, isHostName, normaliseHostName } from './host-name.ts';

const label63 = 'a'.repeat(63);

describe('the host-name rule', () => {
  it('takes RFC 1123 names, with or without the trailing dot', () => {
    for (const n of ['localhost', 'core-sw1.example', 'core-sw1.example.', 'A.B.C', '3com.com', 'x1', label63, `${label63}.example`]) expect(isHostName(n), n).toBe(true);
  });

  it('refuses labels of 64 characters, empty labels and hyphens at the ends of a label', () => {
    for (const n of ['a'.repeat(64), `${'a'.repeat(64)}.example`, 'a..b', '.a', '-a.example', 'a-.example', 'a.-b', '', '.']) expect(isHostName(n), n).toBe(false);
  });

  it('counts at most 253 characters, not counting the trailing dot', () => {
    const n253 = `${'a.'.repeat(126)}a`;
    expect(n253).toHaveLength(253);
    expect(isHostName(n253)).toBe(true);
    expect(isHostName(`${n253}.`)).toBe(true);
    expect(isHostName(`${n253}a`)).toBe(false);
    expect(isHostName(`${n253}a.`)).toBe(false);
  });

  it('refuses underscores and other characters', () => {
    for (const n of ['under_score', '_ldap._tcp.example', 'bad_name!', 'a b', 'ex ample.com', 'é.example', 'a:b']) expect(isHostName(n), n).toBe(false);
  });

  it('refuses a numeric or hex last label, which resolvers read as an IPv4 address', () => {
    for (const n of ['10.1', '10.1.2.3', '2130706433', '0x7f.1', '0x7f', 'foo.123', '0x0a.1.2.3', 'a.0x1.']) expect(isHostName(n), n).toBe(false);
    expect(isHostName('server.0x1g')).toBe(true);
  });

  it('is the same rule as a regular expression for zod schemas', () => {
    for (const n of ['core-sw1.example.', 'under_score', '10.1', label63, 'a'.repeat(64)]) expect(HOST_NAME.test(n)).toBe(isHostName(n));
  });

  it('says what is wrong', () => {
    expect(hostNameProblem('core-sw1.example')).toBeUndefined();
    expect(hostNameProblem('under_score')).toMatch(/underscores/);
    expect(hostNameProblem(`${'a'.repeat(64)}.example`)).toMatch(/longer than 63/);
    expect(hostNameProblem(`${'a.'.repeat(127)}a`)).toMatch(/too long/);
    expect(hostNameProblem('a..b')).toMatch(/empty label/);
    expect(hostNameProblem('-a')).toMatch(/hyphen/);
    expect(hostNameProblem('foo.123')).toMatch(/last label cannot be a number/);
  });

  it('normalises for comparison', () => {
    expect(normaliseHostName(' Core-SW1.Example. ')).toBe('core-sw1.example');
  });
});
