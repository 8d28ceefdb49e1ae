import { Notification } from 'electron';
import type { Engine } from '../main/engine.ts';

/**
 * Shows the engine's desktop notifications (alert firing/resolved, digests, tests) as OS
 * notifications; clicking one brings the window forward. Returns the unsubscribe function.
 */
export function showDesktopNotifications(engine: Engine, onClick: () => void): () => void {
  return engine.events.subscribe(['notification.desktop'], (event) => {
    if (event.name !== 'notification.desktop' || !Notification.isSupported()) return;
    const { title, body, severity } = event.payload;
    const notification = new Notification({ title, body, urgency: severity === 'critical' || severity === 'major' ? 'critical' : 'normal', silent: severity === 'info' });
    notification.on('click', onClick);
    notification.show();
  });
}
