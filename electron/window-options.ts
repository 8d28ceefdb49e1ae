import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptionsInput {
  /** app.isPackaged: an installed build gets no DevTools. */
  isPackaged: boolean;
  preloadFile: string;
  darkBackground: boolean;
}

/**
 * The one app window's options (pure, so the hardening is unit-tested): sandboxed, context-isolated, no Node
 * in the page or its frames and workers, web security on, no insecure content, no <webview>, no navigation by
 * dropping a file, DevTools only in unpackaged (development) builds.
 */
export function mainWindowOptions({ isPackaged, preloadFile, darkBackground }: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'WARD FLUX',
    show: false,
    backgroundColor: darkBackground ? '#0f1318' : '#f6f7f9',
    webPreferences: {
      preload: preloadFile,
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
      devTools: !isPackaged,
      spellcheck: false,
    },
  };
}
