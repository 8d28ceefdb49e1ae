/**
 * Command line for the Zabbix test stack: `node test/lab/zabbix-lab.ts up|down|status`.
 * `up` starts it with `keep` (test runs reuse it and leave it running); `down` stops it.
 */
import { ensureZabbixLab, stopZabbixLab, zabbixLabStatus } from './zabbix-server.ts';

const cmd = process.argv[2] ?? 'status';
if (cmd === 'up') {
  const t0 = Date.now();
  const lab = await ensureZabbixLab({ keep: true });
  process.stdout.write(`Zabbix ${lab.version} at ${lab.url} (trapper 127.0.0.1:${lab.trapperPort}); ready in ${Date.now() - t0} ms (first start ${lab.startMs} ms)\n`);
} else if (cmd === 'down') {
  await stopZabbixLab({ force: true });
  process.stdout.write('Zabbix lab stopped\n');
} else if (cmd === 'status') {
  process.stdout.write(`${await zabbixLabStatus()}\n`);
} else {
  process.stderr.write('usage: node test/lab/zabbix-lab.ts up|down|status\n');
  process.exitCode = 2;
}
