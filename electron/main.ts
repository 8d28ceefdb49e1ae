/**
 * The Electron shell: app lifecycle, the window, the OS keychain and the IPC adapter. The engine
 * (main/) does the work; this file only wires it to Electron.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { AppError } from '../main/errors.ts';
import { createEngine, type Engine } from '../main/engine.ts';
import { applyHeapPolicy } from '../main/lib/heap-policy.ts';
import { createLogger } from '../main/lib/logger.ts';
import { devServerUrl } from './app-paths.ts';
import { registerAppScheme, serveAppScheme } from './app-scheme.ts';
import { showDesktopNotifications } from './desktop-notifications.ts';
import { serveContractOverIpc } from './ipc.ts';
import { applicationMenuTemplate } from './menu-template.ts';
import { electronSecrets } from './secrets.ts';
import { applySecurityPolicies } from './security.ts';
import { createMainWindow } from './window.ts';

const logger = createLogger({ name: 'wardflux-desktop' });
let engine: Engine | undefined;
let mainWindow: BrowserWindow | undefined;
let stopIpc: (() => void) | undefined;
let stopNotifications: (() => void) | undefined;

function startupMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(text)) {
    return (
      'A native module (better-sqlite3) was built for Node.js, not for this Electron. ' +
      'Run "npx electron-builder install-app-deps" and start again.\n\n' + text
    );
  }
  return text;
}

function showWindow(): void {
  if (!engine) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => (mainWindow = undefined));
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  applySecurityPolicies();
  if (!devServerUrl) serveAppScheme();
  // The standard menus; reload and DevTools only in unpackaged builds.
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform })));
  const dataDir = app.getPath('userData');
  applyHeapPolicy();
  try {
    engine = await createEngine({ dataDir, logger, secrets: electronSecrets(dataDir, logger), exclusive: true });
    await engine.start();
  } catch (err) {
    logger.error({ err, dataDir }, 'engine failed to start');
    dialog.showErrorBox('WARD FLUX cannot start', startupMessage(err));
    app.exit(1);
    return;
  }
  logger.info({ dataDir }, 'engine started');
  stopIpc = serveContractOverIpc(engine, () => mainWindow);
  stopNotifications = showDesktopNotifications(engine, showWindow);
  showWindow();
}

// Before 'ready': app://wardflux/ becomes a standard, secure origin (the page is never loaded from file://).
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another WARD FLUX owns the database: bring its window forward (it receives 'second-instance').
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let stopping = false;
  app.on('will-quit', (event) => {
    if (stopping || !engine) return;
    stopping = true;
    event.preventDefault();
    stopIpc?.();
    stopNotifications?.();
    engine
      .stop()
      .catch((err: unknown) => logger.error({ err }, 'engine failed to stop cleanly'))
      .finally(() => {
        engine = undefined;
        app.quit();
      });
  });
  app.whenReady().then(start, (err: unknown) => logger.error({ err }, 'app failed to become ready'));
}
