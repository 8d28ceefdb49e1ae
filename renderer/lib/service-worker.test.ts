import { describe, expect, it } from 'vitest';
import { registerServiceWorker } from './service-worker.ts';

function fakeNavigator(): { nav: Navigator; calls: Array<[string, RegistrationOptions | undefined]> } {
  const calls: Array<[string, RegistrationOptions | undefined]> = [];
  const nav = { serviceWorker: { register: (url: string, options?: RegistrationOptions) => (calls.push([url, options]), Promise.reject(new Error('refused'))) } } as unknown as Navigator;
  return { nav, calls };
}

describe('registerServiceWorker', () => {
  it('registers the shell worker at the page’s own scope on the headless host', () => {
    const { nav, calls } = fakeNavigator();
    expect(registerServiceWorker({ protocol: 'https:' }, nav)).toBe(true);
    expect(calls).toEqual([['./sw.js', { scope: './' }]]);
  });

  it('does nothing in Electron (app://) or without service workers', () => {
    const { nav, calls } = fakeNavigator();
    expect(registerServiceWorker({ protocol: 'app:' }, nav)).toBe(false);
    expect(registerServiceWorker({ protocol: 'http:' }, {} as Navigator)).toBe(false);
    expect(calls).toEqual([]);
  });
});
