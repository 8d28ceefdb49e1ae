import { ipcMain, type BrowserWindow } from 'electron';
import type { Engine } from '../main/engine.ts';
import { devServerUrl, isAppUrl } from './app-paths.ts';
import { serveContract } from './ipc-contract.ts';

/**
 * Serves the contract over IPC (electron/ipc-contract.ts): calls the page may cancel, and its
 * subscriptions by topic and filter. Returns the function that removes them.
 */
export function serveContractOverIpc(engine: Engine, getWindow: () => BrowserWindow | undefined): () => void {
  return serveContract(ipcMain, { api: engine.api, events: engine.events, logger: engine.logger, devServerUrl, isAppUrl }, getWindow);
}
