import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_CSP, DEV_SERVER_CSP } from './content-security-policy.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

function metaCsp(): string {
  const html = fs.readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('renderer/index.html has no CSP meta tag');
  return match[1];
}

describe('Content-Security-Policy', () => {
  it.each([
    ['the app:// header', APP_CSP],
    ['the dev server header', DEV_SERVER_CSP],
    ['the meta tag of renderer/index.html', metaCsp()],
  ])('%s lets the page connect to its own origin only (no ws:/wss: to any host)', (_name, policy) => {
    expect(directives(policy).get('connect-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/\b(ws|wss|https?):(?!\/\/)/);
  });

  it('the app:// policy is strict: own scripts only, no plugins, no framing, no base or form targets', () => {
    const d = directives(APP_CSP);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('the meta tag agrees with the header on every directive it has', () => {
    const header = directives(APP_CSP);
    for (const [name, values] of directives(metaCsp())) expect(values, name).toEqual(header.get(name));
  });
});
