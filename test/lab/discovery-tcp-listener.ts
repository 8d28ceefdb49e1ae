/**
 * Tiny TCP listeners for discovery lab tests, run inside a lab namespace:
 *   ip netns exec wfl-NAME node test/lab/discovery-tcp-listener.ts 198.18.7.10:80 198.18.7.11:22 ...
 * Accepts and closes every connection; prints "ready" once every listener is bound; exits when its
 * stdin closes (so a killed test run leaves nothing behind) or on SIGTERM.
 */
import net from 'node:net';

const specs = process.argv.slice(2).map((s) => {
  const i = s.lastIndexOf(':');
  return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
});
const servers = await Promise.all(
  specs.map(
    ({ host, port }) =>
      new Promise<net.Server>((resolve, reject) => {
        const server = net.createServer((socket) => {
          socket.on('error', () => {});
          socket.end();
        });
        server.once('error', reject);
        server.listen({ host, port }, () => resolve(server));
      }),
  ),
);
process.stdout.write('ready\n');
const stop = (): void => {
  for (const s of servers) s.close();
  process.exit(0);
};
process.stdin.on('end', stop).on('close', stop).resume();
process.on('SIGTERM', stop);
