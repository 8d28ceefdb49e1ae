import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './menu-template.ts';

const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload'];

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('applicationMenuTemplate', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('offers no DevTools or reload in a packaged build (%s)', (platform) => {
    const all = roles(applicationMenuTemplate({ isPackaged: true, platform }));
    for (const role of DEVELOPER_ROLES) expect(all).not.toContain(role);
    // The default View menu role would bring DevTools back.
    expect(all).not.toContain('viewMenu');
    expect(all).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('offers DevTools and reload in development', () => {
    const all = roles(applicationMenuTemplate({ isPackaged: false, platform: 'linux' }));
    expect(all).toEqual(expect.arrayContaining(DEVELOPER_ROLES));
  });

  it('has the app menu on macOS only', () => {
    expect(roles(applicationMenuTemplate({ isPackaged: true, platform: 'darwin' }))[0]).toBe('appMenu');
    expect(roles(applicationMenuTemplate({ isPackaged: true, platform: 'linux' }))).not.toContain('appMenu');
  });
});
