import { BrowserWindow, nativeTheme } from 'electron';
import { devServerUrl, preloadFile, rendererIndexFile } from './app-paths.ts';

/** The one app window: sandboxed, context-isolated, no Node in the page. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'WARD FLUX',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1318' : '#f6f7f9',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndexFile);
  return win;
}
