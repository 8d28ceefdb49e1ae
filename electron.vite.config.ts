import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server injects React Fast Refresh as an inline module script, which the strict CSP of
 * renderer/index.html forbids. In `serve` mode only, allow inline scripts; the built bundle
 * (what Electron and the headless host ship) keeps the strict policy.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'wardflux:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Every package.json dependency (better-sqlite3, raw-socket, net-snmp, pino, zod, ...) stays in
      // node_modules: native modules cannot be bundled, and electron-builder unpacks their .node files.
      externalizeDeps: true,
      rolldownOptions: {
        // out/main/index.js is package.json's "main".
        input: { index: resolve(root, 'electron/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require() node_modules: bundle everything it uses (the contract's names).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // Sandboxed preloads must be CommonJS; package.json says "type": "module", hence .cjs.
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs: the same bundle loads from app://wardflux/ (Electron) and http(s)://host/ (headless host).
    base: './',
    plugins: [react(), relaxCspForDevServer()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The headless host serves this bundle over the network too: keep it small.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
