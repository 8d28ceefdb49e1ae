import { describe, expect, it } from 'vitest';
import { buildRequest, loginParams, parseVersion, usesBearerHeader } from './request.ts';

const v = (text: string) => parseVersion(text)!;

describe('zabbix request builder', () => {
  it('parses versions as apiinfo.version reports them', () => {
    expect(parseVersion('6.0.14')).toEqual({ major: 6, minor: 0, patch: 14, text: '6.0.14' });
    expect(parseVersion('7.0.0rc1')).toMatchObject({ major: 7, minor: 0, patch: 0 });
    expect(parseVersion('7.2')).toMatchObject({ major: 7, minor: 2, patch: 0 });
    expect(parseVersion('<html>')).toBeUndefined();
  });

  it('6.0: the token goes in the auth member, no Authorization header', () => {
    const r = buildRequest({ method: 'host.get', params: { limit: 1 }, id: 3, auth: 'tok', version: v('6.0.14') });
    expect(r.headers.authorization).toBeUndefined();
    expect(r.headers['content-type']).toBe('application/json-rpc');
    expect(JSON.parse(r.body)).toEqual({ jsonrpc: '2.0', method: 'host.get', params: { limit: 1 }, id: 3, auth: 'tok' });
  });

  it('7.x (and 6.4): the token goes in the Bearer header, never in the body', () => {
    for (const ver of ['7.0.5', '7.2.1', '7.4.0', '6.4.0']) {
      const r = buildRequest({ method: 'host.get', params: {}, id: 1, auth: 'tok', version: v(ver) });
      expect(r.headers.authorization).toBe('Bearer tok');
      expect(JSON.parse(r.body)).not.toHaveProperty('auth');
    }
    expect(usesBearerHeader(v('6.2.9'))).toBe(false);
  });

  it('apiinfo.version and user.login never carry a credential', () => {
    for (const ver of ['6.0.14', '7.0.0']) {
      for (const method of ['apiinfo.version', 'user.login']) {
        const r = buildRequest({ method, params: {}, id: 1, auth: 'tok', version: v(ver) });
        expect(r.headers.authorization).toBeUndefined();
        expect(JSON.parse(r.body)).not.toHaveProperty('auth');
      }
    }
  });

  it('without a credential, neither form is sent', () => {
    const r = buildRequest({ method: 'host.get', params: {}, id: 1, version: v('7.0.0') });
    expect(r.headers.authorization).toBeUndefined();
    expect(JSON.parse(r.body)).not.toHaveProperty('auth');
  });

  it('user.login takes `username` from 5.4 on, `user` before', () => {
    expect(loginParams(v('6.0.14'), 'Admin', 'pw')).toEqual({ username: 'Admin', password: 'pw' });
    expect(loginParams(v('7.0.0'), 'Admin', 'pw')).toEqual({ username: 'Admin', password: 'pw' });
    expect(loginParams(v('5.0.30'), 'Admin', 'pw')).toEqual({ user: 'Admin', password: 'pw' });
  });
});
