import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { carrySecret, sameSmtpDestination, sameUrlDestination, secretDroppedIssue } from './destination.ts';

describe('the destination a secret is bound to', () => {
  it('URLs: spelling is not a change (case, default port, trailing slash or dot, fragment)', () => {
    expect(sameUrlDestination('http://Zabbix.Example.com/zabbix/', 'http://zabbix.example.com:80/zabbix')).toBe(true);
    expect(sameUrlDestination('https://vm.example.com', 'https://vm.example.com.:443/')).toBe(true);
    expect(sameUrlDestination('https://hooks.example.com/a#x', ' https://hooks.example.com/a ')).toBe(true);
  });

  it('URLs: another scheme, host, port, path or query is another destination', () => {
    const base = 'https://hooks.example.com/services/T1';
    for (const other of [
      'http://hooks.example.com/services/T1',
      'https://hooks.example.org/services/T1',
      'https://hooks.example.com:8443/services/T1',
      'https://hooks.example.com/services/T2',
      'https://hooks.example.com/services/T1?team=2',
      'https://127.0.0.1/services/T1',
    ]) {
      expect(sameUrlDestination(base, other), other).toBe(false);
    }
    // An unparsable URL is equal to nothing but itself.
    expect(sameUrlDestination('not a url', 'not a url')).toBe(true);
    expect(sameUrlDestination('not a url', 'http://not a url')).toBe(false);
  });

  it('SMTP: host, port and the way the peer is verified', () => {
    const a = { host: 'mail.example.com', port: 587, security: 'starttls', allowSelfSigned: false };
    expect(sameSmtpDestination(a, { ...a, host: 'MAIL.example.com.' })).toBe(true);
    expect(sameSmtpDestination(a, { ...a, host: 'mail2.example.com' })).toBe(false);
    expect(sameSmtpDestination(a, { ...a, port: 2525 })).toBe(false);
    expect(sameSmtpDestination(a, { ...a, security: 'none' })).toBe(false);
    expect(sameSmtpDestination(a, { ...a, security: 'tls' })).toBe(false);
    // Accepting any certificate lets any host on the path be the peer.
    expect(sameSmtpDestination(a, { ...a, allowSelfSigned: true })).toBe(false);
    // Plain SMTP checks no certificate either way.
    const plain = { ...a, security: 'none' };
    expect(sameSmtpDestination(plain, { ...plain, allowSelfSigned: true })).toBe(true);
  });

  it('carrySecret: the given secret, else the stored one for the same destination, else none or a refusal', () => {
    const field = { path: 'token', label: 'API token' };
    expect(carrySecret('new', 'old', false, field)).toBe('new');
    expect(carrySecret(undefined, 'old', true, field)).toBe('old');
    expect(carrySecret(undefined, 'old', false)).toBeUndefined();
    expect(carrySecret(undefined, undefined, false, field)).toBeUndefined();
    let err: unknown;
    try {
      carrySecret(undefined, 'old', false, field);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([secretDroppedIssue(field)]);
    expect((err as ValidationError).message).toBe(
      'The server address changed: enter the API token again (a saved secret is only sent to the server it was entered for)',
    );
  });
});
