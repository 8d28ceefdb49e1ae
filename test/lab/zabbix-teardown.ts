/**
 * vitest global setup of the lab project: tags this run (its workers inherit WARD_ZABBIX_RUN) so
 * the Zabbix stack, started lazily by the first test file that needs it, knows who uses it; at the
 * end of the run, stops it unless another live run still uses it or it was started by hand
 * (`node test/lab/zabbix-lab.ts up`).
 */
import { RUN_ENV, stopZabbixLab } from './zabbix-server.ts';

export default function setup(): () => Promise<void> {
  process.env[RUN_ENV] = String(process.pid);
  return () => stopZabbixLab({ run: process.pid });
}
