import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../main/api/wire.ts';
import type { Result } from '../main/api/result.ts';
import type { Engine } from '../main/engine.ts';
import { isTrustedSenderFrame } from './app-origin.ts';
import { devServerUrl, isAppUrl } from './app-paths.ts';

function fromAppPage(event: IpcMainInvokeEvent): boolean {
  // Only the top frame of our own page (app://wardflux, or the dev server in dev): not an iframe, not file://,
  // not a page navigated elsewhere.
  return isTrustedSenderFrame(event.senderFrame, devServerUrl);
}

/**
 * Serves the contract over IPC: one channel for calls (validated by the engine, like every
 * transport) and one for the engine's events. Returns the function that removes both.
 */
export function serveContractOverIpc(engine: Engine, getWindow: () => BrowserWindow | undefined): () => void {
  ipcMain.handle(IPC_CALL, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!fromAppPage(event)) {
      engine.logger.warn({ url: event.senderFrame?.url, procedure: String(name).slice(0, 80) }, 'IPC call from a foreign frame refused');
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the WARD FLUX window.' } };
    }
    return engine.api.callUnknown(name, input, { transport: 'ipc' });
  });

  const unsubscribe = engine.events.subscribe((engineEvent) => {
    const win = getWindow();
    if (win && !win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(IPC_EVENT, engineEvent);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}
