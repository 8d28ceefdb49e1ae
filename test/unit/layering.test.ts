import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The rule ids and messages ESLint reports for `code` as if it were the file `file`. */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules (ARCHITECTURE.md)', () => {
  it('forbid electron in the engine and the renderer', async () => {
    expect(await lint('main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('Only electron/ and preload/ may import electron')]);
    expect(await lint('renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await lint('electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('let the renderer import only types from main/', async () => {
    expect(await lint('renderer/x.ts', "import { contract } from '../main/api/contract.ts';\nexport const c = contract;\n")).toEqual([
      expect.stringContaining('renderer/ may import only types from main/'),
    ]);
    expect(await lint('renderer/x.ts', "import type { Device } from '../main/api/devices.ts';\nexport type D = Device;\n")).toEqual([]);
    expect(await lint('renderer/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
  });

  it('keep the engine away from the shells and the UI', async () => {
    expect(await lint('main/x.ts', "import { x } from '../renderer/app.tsx';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('let the preload import the contract but nothing else from main/', async () => {
    expect(await lint('preload/x.ts', "import { procedureNames } from '../main/api/contract.ts';\nexport const p = procedureNames;\n")).toEqual([]);
    expect(await lint('preload/x.ts', "import { createEngine } from '../main/engine.ts';\nexport const e = createEngine;\n")).toHaveLength(1);
  });

  it('keep the contract bundle (main/api/ and the pure part of main/net/) free of Node and of the rest of main/', async () => {
    expect(await lint('main/api/x.ts', "import { isHostName } from '../net/host-name.ts';\nexport const h = isHostName;\n")).toEqual([]);
    expect(await lint('main/api/x.ts', "import { localNetworks } from '../net/local-networks.ts';\nexport const l = localNetworks;\n")).toEqual([expect.stringContaining('pure modules of main/net/')]);
    expect(await lint('main/api/x.ts', "import { ValidationError } from '../errors.ts';\nexport const e = ValidationError;\n")).toHaveLength(1);
    expect(await lint('main/api/x.ts', "import os from 'node:os';\nexport const o = os;\n")).toHaveLength(1);
    expect(await lint('main/net/probe-policy.ts', "import os from 'node:os';\nexport const o = os;\n")).toHaveLength(1);
    expect(await lint('main/net/probe-policy.ts', "import { localNetworks } from './local-networks.ts';\nexport const l = localNetworks;\n")).toHaveLength(1);
    expect(await lint('main/net/local-networks.ts', "import os from 'node:os';\nexport const o = os;\n")).toEqual([]);
  });
});
