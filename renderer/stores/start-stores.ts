import { startConnectionSync } from './connection-store.ts';
import { startCredentialsSync, useCredentialsStore } from './credentials-store.ts';
import { startDevicesSync, useDevicesStore } from './devices-store.ts';
import { startSettingsSync, useSettingsStore } from './settings-store.ts';

/**
 * Wires the stores to the client once, at start-up: live events, and a reload of every area each
 * time the engine becomes reachable (events sent while disconnected are lost).
 */
export function startStores(): () => void {
  const stops = [
    startDevicesSync(),
    startCredentialsSync(),
    startSettingsSync(),
    startConnectionSync(() => {
      void useDevicesStore.getState().load();
      void useCredentialsStore.getState().load();
      void useSettingsStore.getState().load();
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
