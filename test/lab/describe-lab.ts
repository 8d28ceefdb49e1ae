/**
 * `describeLab`: a vitest `describe` that runs only where the lab can run. Not root: the suite is
 * skipped with a loud message, except under CI (`process.env.CI` set), where it fails instead,
 * because CI runs as root and a skipped lab suite there would hide a broken pipeline.
 */
import { describe, it } from 'vitest';
import { labAvailable } from './lab-available.ts';

/** Declares a lab suite: runs `fn` as root, skips loudly otherwise, fails under CI when not root. */
export function describeLab(name: string, fn: () => void): void {
  const avail = labAvailable();
  if (avail.ok) {
    describe(name, fn);
    return;
  }
  if (process.env.CI && !/^(0|false)$/i.test(process.env.CI)) {
    describe(name, () => {
      it('can build the lab (CI must run lab tests as root)', () => {
        throw new Error(`lab unavailable under CI: ${avail.reason}`);
      });
    });
    return;
  }
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! LAB TESTS SKIPPED: "${name}"\n!! ${avail.reason}\n${bar}\n`);
  // The reason is in the suite name too, so every reporter shows why it was skipped.
  describe.skip(`${name} [skipped: ${avail.reason}]`, fn);
}
