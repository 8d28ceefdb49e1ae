#!/usr/bin/env node
// The `wardflux` command. Node 24 runs the TypeScript sources directly (type stripping), so the
// CLI needs no build step in a checkout.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `wardflux: needs Node 24 (this is Node ${process.versions.node}). In a checkout run ". scripts/node-env.sh" first.\n`,
  );
  process.exit(1);
}
const { runCli } = await import('../main/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
