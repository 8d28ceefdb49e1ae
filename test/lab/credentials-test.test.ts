/**
 * credentials.test against a real Net-SNMP agent in a lab namespace: an SNMPv3-only snmpd answers
 * the right user with its system group; a wrong passphrase and an unknown user are auth failures
 * with the agent's reason; a community on that agent is silence (timeout).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { DISCOVERY_HOSTS } from './discovery-support.ts';

describeLab('credentials.test against a real SNMPv3 agent', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let address: string;
  const v3 = { version: '3' as const, username: 'wardadmin', securityLevel: 'authPriv' as const, authProtocol: 'sha' as const, authKey: 'auth-secret-1', privProtocol: 'aes' as const, privKey: 'priv-secret-1' };

  beforeAll(async () => {
    const host = DISCOVERY_HOSTS.find((h) => h.name === 'v3only')!;
    lab = await createLab({ name: 'cred-test', probe: 'root', hosts: [host] });
    address = lab.hosts.v3only!;
    engine = await testEngine({ logger: createLogger({ level: 'error' }) });
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await lab?.destroy();
  });

  it('a stored v3 credential: the agent says who it is, with the round trip', async () => {
    const stored = await unwrap(engine.api.call('credentials.create', { name: 'nas v3', ...v3 }));
    const r = await unwrap(engine.api.call('credentials.test', { address, credentialId: stored.id }));
    expect(r).toMatchObject({ status: 'ok', version: '3', sysName: 'nas01', sysObjectID: '1.3.6.1.4.1.8072.3.2.10' });
    expect(r.sysDescr).toMatch(/^Linux nas01 6\.1\.0/);
    expect(r.rttMs).toBeGreaterThan(0);
    expect(r.message).toMatch(/^nas01 answered SNMPv3 in [\d.]+ ms\.$/);
  });

  it('a wrong passphrase and an unknown user are auth failures, said with the reason', async () => {
    const wrong = await unwrap(engine.api.call('credentials.test', { address, credential: { ...v3, authKey: 'not-the-secret' } }));
    expect(wrong.status).toBe('auth_failed');
    expect(wrong.message).toMatch(/refused the SNMPv3 credential: .*(digest|password)/i);
    expect(wrong.message).not.toContain('not-the-secret');
    const unknown = await unwrap(engine.api.call('credentials.test', { address, credential: { ...v3, username: 'nobody' } }));
    expect(unknown.status).toBe('auth_failed');
    expect(unknown.message).toMatch(/user/i);
  });

  it('a community on a v3-only agent is silence', async () => {
    const r = await unwrap(engine.api.call('credentials.test', { address, credential: { version: '2c', community: 'public' }, timeoutMs: 300 }));
    expect(r.status).toBe('timeout');
    expect(r.sysName).toBeUndefined();
  });
});
