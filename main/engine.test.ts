import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../test/support/engine.ts';
import { unwrap } from './api/dispatcher.ts';
import type { EngineEvent } from './api/events.ts';

const engines: { close(): Promise<void> }[] = [];
async function engine() {
  const e = await testEngine();
  engines.push(e);
  return e;
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

describe('devices through the contract', () => {
  it('creates, reads, lists, updates and deletes a device, emitting events', async () => {
    const e = await engine();
    const seen: EngineEvent[] = [];
    e.events.subscribe((ev) => seen.push(ev));

    const created = await unwrap(e.api.call('devices.create', { name: 'core-rtr', address: '198.18.0.1', tags: ['core', 'Core', 'site:a'] }));
    expect(created).toMatchObject({ name: 'core-rtr', address: '198.18.0.1', tags: ['core', 'site:a'], notes: '', enabled: true, credentialIds: [] });
    // A device never polled yet: status unknown, no lastSeen; standalone: WARD FLUX's own, no Zabbix view.
    expect(await unwrap(e.api.call('devices.get', { id: created.id }))).toEqual({ ...created, status: 'unknown', statusSource: 'wardflux', source: 'wardflux', zabbix: null });

    await unwrap(e.api.call('devices.create', { name: 'access-sw', address: 'sw1.lab.example', tags: ['access'] }));
    const all = await unwrap(e.api.call('devices.list', {}));
    expect(all.total).toBe(2);
    expect(all.items.map((d) => d.name)).toEqual(['access-sw', 'core-rtr']);
    expect((await unwrap(e.api.call('devices.list', { tag: 'CORE' }))).items.map((d) => d.name)).toEqual(['core-rtr']);
    expect((await unwrap(e.api.call('devices.list', { search: 'sw1' }))).items.map((d) => d.name)).toEqual(['access-sw']);
    expect((await unwrap(e.api.call('devices.list', { search: '%' }))).total).toBe(0);

    const updated = await unwrap(e.api.call('devices.update', { id: created.id, notes: 'rack 3', enabled: false }));
    expect(updated).toMatchObject({ name: 'core-rtr', notes: 'rack 3', enabled: false });

    await unwrap(e.api.call('devices.delete', { id: created.id }));
    const gone = await e.api.call('devices.get', { id: created.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(seen.map((ev) => ev.name)).toEqual(['device.created', 'device.created', 'device.updated', 'device.deleted']);
  });

  it('rejects bad input with per-field messages and changes nothing', async () => {
    const e = await engine();
    const bad = await e.api.call('devices.create', { name: '  ', address: '10.0.0.300' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('validation');
    expect(bad.error.issues).toEqual([
      { path: 'name', message: 'Name is required' },
      { path: 'address', message: '"10.0.0.300" is not a valid IPv4 address (four numbers 0-255 separated by dots)' },
    ]);
    for (const address of ['255.255.255.255', '0.0.0.0', '224.0.0.5', 'bad host', '-x.example', 'fe80::zz']) {
      const r = await e.api.call('devices.create', { name: `d-${address}`, address });
      expect(r, address).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'address' }] } });
    }
    const extra = await e.api.call('devices.create', { name: 'x', address: '198.18.0.9', colour: 'red' } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('colour') } });
    expect((await unwrap(e.api.call('devices.list', {}))).total).toBe(0);
  });

  it('refuses duplicates by name or address (case-insensitive), naming the owner', async () => {
    const e = await engine();
    await unwrap(e.api.call('devices.create', { name: 'Core', address: 'rtr.example' }));
    expect(await e.api.call('devices.create', { name: 'core', address: '198.18.0.2' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A device named "core" already exists.', issues: [{ path: 'name' }] },
    });
    expect(await e.api.call('devices.create', { name: 'other', address: 'RTR.example' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Address RTR.example already belongs to device "Core".' },
    });
  });

  it('refuses an unknown credential and an unknown procedure', async () => {
    const e = await engine();
    const r = await e.api.call('devices.create', { name: 'a', address: '198.18.0.3', credentialIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'credentialIds.0', message: 'Unknown credential' }] } });
    expect(await e.api.callUnknown('devices.explode', {}, { transport: 'ws' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await e.api.callUnknown('__proto__', {}, { transport: 'ws' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('credentials through the contract', () => {
  it('never returns a secret, only metadata', async () => {
    const e = await engine();
    const v2 = await unwrap(e.api.call('credentials.create', { name: 'ro', version: '2c', community: 'Sup3r-s3cret-comm' }));
    const v3 = await unwrap(
      e.api.call('credentials.create', {
        name: 'v3',
        version: '3',
        username: 'monitor',
        securityLevel: 'authPriv',
        authProtocol: 'sha256',
        authKey: 'auth-pass-123',
        privProtocol: 'aes',
        privKey: 'priv-pass-456',
      }),
    );
    expect(v3).toMatchObject({ hasAuthKey: true, hasPrivKey: true, hasCommunity: false, username: 'monitor', usedBy: 0 });
    const listed = JSON.stringify(await unwrap(e.api.call('credentials.list', {})));
    for (const secret of ['Sup3r-s3cret-comm', 'auth-pass-123', 'priv-pass-456']) expect(listed).not.toContain(secret);
    expect(e.areas.credentials.resolve(v2.id)).toMatchObject({ community: 'Sup3r-s3cret-comm' });
    expect(e.areas.credentials.resolve(v3.id)).toMatchObject({ authKey: 'auth-pass-123', privKey: 'priv-pass-456' });
    // The pollers' lookup of a credential that is gone names it (the device count is not read there).
    expect(() => e.areas.credentials.resolve('no-such-credential')).toThrow(/No credential with id no-such-credential/);
  });

  it('keeps secrets that an update leaves out, and checks v3 completeness', async () => {
    const e = await engine();
    const c = await unwrap(
      e.api.call('credentials.create', { name: 'v3', version: '3', username: 'u', securityLevel: 'authNoPriv', authProtocol: 'sha', authKey: 'first-pass' }),
    );
    await unwrap(e.api.call('credentials.update', { id: c.id, name: 'v3-renamed' }));
    expect(e.areas.credentials.resolve(c.id)).toMatchObject({ name: 'v3-renamed', authKey: 'first-pass' });
    const incomplete = await e.api.call('credentials.update', { id: c.id, securityLevel: 'authPriv' });
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'validation', issues: expect.arrayContaining([{ path: 'privKey', message: 'Required for authPriv' }]) } });
    const short = await e.api.call('credentials.create', { name: 's', version: '3', username: 'u', securityLevel: 'authNoPriv', authProtocol: 'md5', authKey: 'short' });
    expect(short).toMatchObject({ ok: false, error: { issues: [{ path: 'authKey', message: 'SNMPv3 passphrases need at least 8 characters' }] } });
  });

  it('will not delete a credential a device uses', async () => {
    const e = await engine();
    const c = await unwrap(e.api.call('credentials.create', { name: 'ro', version: '1', community: 'public' }));
    const d = await unwrap(e.api.call('devices.create', { name: 'sw', address: '198.18.0.4', credentialIds: [c.id] }));
    expect(await e.api.call('credentials.delete', { id: c.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('used by 1 device') } });
    await unwrap(e.api.call('devices.delete', { id: d.id }));
    expect(await e.api.call('credentials.delete', { id: c.id })).toMatchObject({ ok: true });
  });
});

describe('settings', () => {
  it('returns defaults, applies a validated patch, and rejects unknown keys', async () => {
    const e = await engine();
    expect(await unwrap(e.api.call('settings.get', {}))).toMatchObject({ monitoringMode: 'standalone', icmpIntervalSec: 30, snmpIntervalSec: 60 });
    expect(await unwrap(e.api.call('settings.set', { monitoringMode: 'hybrid', siteName: 'ACME HQ' }))).toMatchObject({ monitoringMode: 'hybrid', siteName: 'ACME HQ' });
    expect(await e.api.call('settings.set', { icmpIntervalSec: 1 })).toMatchObject({ ok: false, error: { issues: [{ path: 'icmpIntervalSec', message: 'At least 5 seconds' }] } });
    expect(await e.api.call('settings.set', { nope: 1 } as never)).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('engine isolation', () => {
  it('runs two engines on two data dirs side by side in one process', async () => {
    const a = await engine();
    const b = await engine();
    await unwrap(a.api.call('devices.create', { name: 'only-in-a', address: '198.18.0.5' }));
    expect((await unwrap(a.api.call('devices.list', {}))).total).toBe(1);
    expect((await unwrap(b.api.call('devices.list', {}))).total).toBe(0);
    expect(a.dataDir).not.toBe(b.dataDir);
    expect(await unwrap(b.api.call('health', {}))).toMatchObject({ status: 'ok', devices: 0, database: { status: 'ok' } });
  });
});
