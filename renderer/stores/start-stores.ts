import { reloadAlerts, startAlertsSync } from './alerts-store.ts';
import { startConnectionSync } from './connection-store.ts';
import { startCredentialsSync, useCredentialsStore } from './credentials-store.ts';
import { startDashboardSync, useDashboardStore } from './dashboard-store.ts';
import { startDeviceDetailSync, useDeviceDetailStore } from './device-detail-store.ts';
import { startDevicesSync, useDevicesStore } from './devices-store.ts';
import { startDiagnosticsSync } from './diagnostics-store.ts';
import { reloadDiscovery, startDiscoverySync } from './discovery-store.ts';
import { startReportsSync, useReportsStore } from './reports-store.ts';
import { startSettingsSync, useSettingsStore } from './settings-store.ts';
import { useSessionStore } from './session-store.ts';
import { useTemplatesStore } from './templates-store.ts';
import { startZabbixItemsSync } from './zabbix-items-store.ts';
import { reloadZabbix, startZabbixSync } from './zabbix-store.ts';

/**
 * Wires the stores to the client once, at start-up: live events, and a reload of every area each
 * time the engine becomes reachable (events sent while disconnected are lost).
 */
export function startStores(): () => void {
  const stops = [
    startDevicesSync(),
    startCredentialsSync(),
    startSettingsSync(),
    startAlertsSync(),
    startDiagnosticsSync(),
    startDashboardSync(),
    startDeviceDetailSync(),
    startDiscoverySync(),
    startReportsSync(),
    startZabbixSync(),
    startZabbixItemsSync(),
    startConnectionSync(() => {
      void useSessionStore.getState().load();
      void useDevicesStore.getState().load();
      void useCredentialsStore.getState().load();
      void useSettingsStore.getState().load();
      void useTemplatesStore.getState().load();
      reloadAlerts();
      reloadZabbix();
      if (useDashboardStore.getState().loaded) void useDashboardStore.getState().load();
      reloadDiscovery();
      if (useReportsStore.getState().loaded) void useReportsStore.getState().load();
      const detail = useDeviceDetailStore.getState();
      if (detail.deviceId) void detail.open(detail.deviceId);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
