import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN, isAppPageUrl, isTrustedSenderFrame } from './app-origin.ts';

const DEV = 'http://localhost:5173';

describe('isAppPageUrl (production)', () => {
  it('accepts the app:// origin, any path, query or hash', () => {
    expect(APP_ORIGIN).toBe('app://wardflux');
    for (const url of [APP_INDEX_URL, 'app://wardflux/', 'app://wardflux/index.html#/devices', 'app://wardflux/index.html?x=1']) expect(isAppPageUrl(url), url).toBe(true);
  });

  it.each([
    'file:///opt/wardflux/resources/app.asar/out/renderer/index.html',
    'app://other/index.html',
    'app://wardflux.evil/index.html',
    'app://evil.wardflux/index.html',
    'app://x@wardflux/index.html',
    'app://wardflux:1/index.html',
    'apps://wardflux/index.html',
    'http://wardflux/index.html',
    'https://example.com/',
    `${DEV}/`,
    'about:blank',
    'data:text/html,hi',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppPageUrl(url)).toBe(false);
  });
});

describe('isAppPageUrl (dev server)', () => {
  it('accepts only the dev server origin', () => {
    expect(isAppPageUrl(`${DEV}/`, DEV)).toBe(true);
    expect(isAppPageUrl(`${DEV}/index.html#/alerts`, DEV)).toBe(true);
    for (const url of [APP_INDEX_URL, 'http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'file:///index.html']) expect(isAppPageUrl(url, DEV), url).toBe(false);
  });

  it('refuses everything when the dev server URL is not http(s)', () => {
    expect(isAppPageUrl('file:///index.html', 'file:///index.html')).toBe(false);
    expect(isAppPageUrl('app://wardflux/', 'app://wardflux/')).toBe(false);
    expect(isAppPageUrl('http://localhost/', 'not a url')).toBe(false);
  });
});

describe('isTrustedSenderFrame', () => {
  const top = { url: APP_INDEX_URL, parent: null };

  it('trusts the top frame of the app page', () => {
    expect(isTrustedSenderFrame(top)).toBe(true);
    expect(isTrustedSenderFrame({ url: `${DEV}/`, parent: null }, DEV)).toBe(true);
  });

  it('refuses a missing frame, an iframe of the app, file:// and foreign pages', () => {
    expect(isTrustedSenderFrame(null)).toBe(false);
    expect(isTrustedSenderFrame(undefined)).toBe(false);
    expect(isTrustedSenderFrame({ url: APP_INDEX_URL, parent: top })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'file:///opt/wardflux/out/renderer/index.html', parent: null })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'app://other/index.html', parent: null })).toBe(false);
  });

  it('in dev, refuses app:// (the window shows the dev server)', () => {
    expect(isTrustedSenderFrame(top, DEV)).toBe(false);
  });
});
