import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/support/run-cli.ts';
import { tempDir } from '../../test/support/temp-dir.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const dataDir = (): string => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};
const wardflux = (dir: string, args: string[], input?: string) => runCliInProcess(['--data-dir', dir, ...args], input === undefined ? {} : { input });

describe('wardflux users, token --user and audit', () => {
  beforeEach(() => vi.stubEnv('WARD_ENCRYPTION_KEY', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('adds, lists, re-passwords and removes users; tokens belong to a user; the audit log shows what the CLI did', { timeout: 60_000 }, async () => {
    const dir = dataDir();
    expect(await wardflux(dir, ['users', 'add', 'alice', '--role', 'manager', '--password-stdin'], 'alice password 1\n')).toMatchObject({ code: 0, err: 'Added user "alice" (manager).\n' });
    expect((await wardflux(dir, ['users', 'add', 'bob', '--role', 'boss', '--password-stdin'], 'bob password 12\n')).code).toBe(2);
    expect((await wardflux(dir, ['users', 'add', 'bob', '--role', 'viewer', '--password-stdin'], 'short\n')).code).toBe(2);
    const list = await wardflux(dir, ['--json', 'users', 'list']);
    expect(JSON.parse(list.out)).toMatchObject([{ name: 'admin', role: 'admin', builtin: true, hasPassword: false }, { name: 'alice', role: 'manager', hasPassword: true }]);
    expect((await wardflux(dir, ['users', 'list'])).out).toMatch(/admin \(built-in\)\s+admin\s+none \(login secret only\)/);
    expect((await wardflux(dir, ['users', 'passwd', 'alice', '--password-stdin'], 'alice password 2\n')).code).toBe(0);

    const t1 = await wardflux(dir, ['token', 'create', '--name', 'alice-ci', '--user', 'alice']);
    expect(t1).toMatchObject({ code: 0, err: expect.stringContaining('for user alice') });
    expect((await wardflux(dir, ['token', 'create', '--name', 'admin-ci'])).err).toContain('for user admin');
    expect((await wardflux(dir, ['token', 'create', '--name', 'x', '--user', 'nobody'])).code).toBe(3);
    expect((await wardflux(dir, ['token', 'list'])).out).toMatch(/alice-ci\s+alice\s/);

    expect((await wardflux(dir, ['users', 'remove', 'admin'])).code).toBe(2);
    expect(await wardflux(dir, ['users', 'remove', 'alice'])).toMatchObject({ code: 0 });
    expect(JSON.parse((await wardflux(dir, ['--json', 'token', 'list'])).out).map((t: { name: string }) => t.name)).toEqual(['admin-ci']);

    const audit = JSON.parse((await wardflux(dir, ['--json', 'audit', '--user', 'local', '--since', '2000-01-01'])).out) as { procedure: string; outcome: string; transport: string }[];
    expect(audit.map((r) => r.procedure)).toEqual(expect.arrayContaining(['users.create', 'users.setPassword', 'tokens.create', 'users.remove']));
    expect(audit.every((r) => r.transport === 'cli')).toBe(true);
    const text = (await wardflux(dir, ['audit'])).out;
    expect(text).toMatch(/users\.remove\s+ok/);
    // Passwords are in neither the database file nor the log.
    const db = fs.readFileSync(path.join(dir, 'wardflux.db'));
    expect(db.includes('alice password')).toBe(false);
    expect(text).not.toContain('alice password');
    expect((await wardflux(dir, ['audit', '--since', 'yesterday-ish'])).code).toBe(2);
  });
});
