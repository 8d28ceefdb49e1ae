#!/usr/bin/env node
// `npm start`: builds the app (electron-vite build) and runs it in Electron.
//
// The Electron binary is not part of the npm package: it is downloaded on first use. On a machine
// without internet (a technician's laptop at a customer site, or CI) that download fails; then this
// script says so and points to the headless host (`npm run serve`), which runs the same UI in a
// browser. Options: --skip-build (use out/ as it is). Extra arguments go to Electron.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const electronArgs = args.filter((a) => a !== '--skip-build');

function fail(message, code = 1) {
  process.stderr.write(`\nstart-desktop: ${message}\n`);
  process.exit(code);
}

/** The Electron executable if it is installed, as node_modules/electron/index.js finds it (without downloading). */
function electronBinary() {
  if (process.env.ELECTRON_EXEC_PATH) return fs.existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : undefined;
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(base, relative);
  return fs.existsSync(binary) ? binary : undefined;
}

if (!fs.existsSync(path.join(electronDir, 'package.json'))) fail('the electron package is not installed: run "npm install" first.');

if (!skipBuild) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed (see above).', build.status ?? 1);
}

let binary = electronBinary();
if (!binary) {
  process.stderr.write('start-desktop: the Electron binary is not installed yet; downloading it (needs internet)...\n');
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
  binary = install.status === 0 ? electronBinary() : undefined;
}
if (!binary) {
  fail(
    [
      'the Electron binary is missing and could not be downloaded (no internet, or a proxy blocks the download).',
      'The desktop window cannot start on this machine.',
      '',
      'Use the headless host instead; it serves the same UI to a browser:',
      '    npm run serve          then open the address it prints',
      '',
      'To install Electron later: connect to the internet and run "npx install-electron",',
      'or set ELECTRON_OVERRIDE_DIST_PATH to a directory holding an Electron build.',
    ].join('\n'),
    2,
  );
}

const child = spawn(binary, ['.', ...electronArgs], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => fail(`cannot run ${binary}: ${err.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
