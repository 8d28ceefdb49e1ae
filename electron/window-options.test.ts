import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options.ts';

const input = { preloadFile: '/app/out/preload/index.cjs', darkBackground: false };

describe('mainWindowOptions', () => {
  it('has no DevTools in a packaged build, and has them in development', () => {
    expect(mainWindowOptions({ ...input, isPackaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ ...input, isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it.each([true, false])('keeps the page sandboxed and isolated (isPackaged: %s)', (isPackaged) => {
    expect(mainWindowOptions({ ...input, isPackaged }).webPreferences).toMatchObject({
      preload: input.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('enables no extra Blink features', () => {
    const prefs = mainWindowOptions({ ...input, isPackaged: true }).webPreferences ?? {};
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });
});
