import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, one runner: `unit` (pure logic, beside the code), `lab` (real agents in network
 * namespaces; root only) and `e2e` (the UI in Debian's Chromium against a real headless host).
 * Lab and e2e files run one at a time: they share the machine's namespaces and ports.
 */
/**
 * Safety net for every test: the engine refuses to send a probe (ICMP, UDP, TCP, SNMP, system
 * ping, reverse DNS) to anything but loopback and the lab ranges (main/lib/network-guard.ts).
 * Child processes (wardflux serve, lab helpers) inherit it.
 */
const LAB_ONLY = { WARD_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128,198.18.0.0/15,198.19.0.0/16' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'test/unit/**/*.test.ts'],
          environment: 'node',
          // Unit tests make devices with made-up addresses: the engine must never poll them.
          env: { ...LAB_ONLY, WARD_POLLERS: 'off' },
          // At least two files at a time: vitest's default (cores - 1) is one worker on a 2-core
          // machine (CI's), and much of the unit suite waits (child processes, sockets, lock
          // timeouts) rather than computes: 65 s -> 36 s wall there. Lab and e2e stay one at a time
          // (fileParallelism: false puts them in a sequential group after this one).
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          env: LAB_ONLY,
          // Stops the Zabbix stack a lab test started, once, at the end of the run.
          globalSetup: ['test/lab/zabbix-teardown.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // The hosts these tests start (and their made-up devices) must never be polled.
          env: { ...LAB_ONLY, WARD_POLLERS: 'off' },
          // e2e/zabbix.test.ts uses the Zabbix lab stack: stopped at the end of the run as for the lab project.
          globalSetup: ['test/lab/zabbix-teardown.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
