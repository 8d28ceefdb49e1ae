import { app, BrowserWindow, nativeTheme } from 'electron';
import { APP_INDEX_URL } from './app-origin.ts';
import { devServerUrl, preloadFile } from './app-paths.ts';
import { mainWindowOptions } from './window-options.ts';

/** The one app window (options in window-options.ts), showing app://wardflux/index.html or the dev server. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions({ isPackaged: app.isPackaged, preloadFile, darkBackground: nativeTheme.shouldUseDarkColors }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? APP_INDEX_URL);
  return win;
}
