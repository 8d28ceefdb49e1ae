import type { MenuItemConstructorOptions } from 'electron';

/** View menu items that reach into the page (reload, DevTools): development builds only. */
const DEVELOPER_ITEMS: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

/**
 * The application menu (pure, so it is unit-tested): the standard menus, with a View menu that offers zoom and
 * full screen, plus reload and DevTools only when the app is not packaged. Used on every platform, macOS too
 * (whose default menu would offer DevTools).
 */
export function applicationMenuTemplate({ isPackaged, platform }: { isPackaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(isPackaged ? [] : DEVELOPER_ITEMS),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []), { role: 'fileMenu' }, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}
