/**
 * Starts the lab's ICMP echo responder (icmp-responder.ts) inside the lab namespace and talks to
 * it over stdin/stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Impairment } from './lab-spec.ts';

const SCRIPT = fileURLToPath(new URL('./icmp-responder.ts', import.meta.url));

/** A running responder. */
export interface IcmpResponder {
  pid: number;
  child: ChildProcess;
  /** Sets (or, with an all-zero impairment, keeps answering normally) one address's impairment. */
  impair(address: string, impairment: Impairment): Promise<void>;
  /** Stops impairing one address. */
  clear(address: string): Promise<void>;
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** Spawns the responder in `ns` (whose kernel echo replies must already be off) and waits for it. */
export function startIcmpResponder(ns: string, seed: number, logPath: string, deadlineMs = 10_000): Promise<IcmpResponder> {
  const logFd = openSync(logPath, 'a');
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--no-warnings', SCRIPT, '--seed', String(seed)], {
    stdio: ['pipe', 'pipe', logFd],
  });
  closeSync(logFd);
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;

  const send = (msg: Record<string, unknown>): Promise<void> => {
    if (exited) return Promise.reject(new Error(`lab: ICMP responder has exited: ${tail(logPath)}`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.stdin!.write(`${JSON.stringify({ ...msg, id })}\n`);
    });
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lab: ICMP responder did not start within ${deadlineMs} ms: ${tail(logPath)}`));
    }, deadlineMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      const err = new Error(`lab: ICMP responder exited (${code}): ${tail(logPath)}`);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      reject(err);
    });
    child.stdin!.on('error', () => {});
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { ready?: boolean; id?: number; ok?: boolean; error?: string };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.ready) {
        clearTimeout(timer);
        resolve({
          pid: child.pid!,
          child,
          impair: (address, i) => send({ op: 'impair', address, lossPct: i.lossPct ?? 0, delayMs: i.delayMs ?? 0, jitterMs: i.jitterMs ?? 0 }),
          clear: (address) => send({ op: 'clear', address }),
        });
        return;
      }
      const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
      if (!p) return;
      pending.delete(msg.id!);
      if (msg.ok) p.resolve();
      else p.reject(new Error(`lab: ICMP responder refused: ${msg.error ?? '?'}`));
    });
  });
}
