/**
 * The heap policy of a process that hosts a monitoring engine (`wardflux serve`, the desktop
 * app's main process, bench/scale), applied once before the engine starts.
 *
 * A monitoring engine promotes a steady stream of objects that die soon after (decoded SNMP
 * responses of a walk, sample batches waiting for the writer's flush, sync pushes). V8's defaults
 * are tuned for short bursts, not for that:
 * - the old generation may grow to several times what is live while its full collections are
 *   cheap (they are: ~15 ms for 100 MB live), so the heap sat at about 4x its live set: 2,000
 *   devices with 99 MB live ran at 450 MB of heap and 650 MB RSS (bench/scale). The growth is
 *   capped at 30 % over live; a full collection then runs every few seconds, well under 1 % of a
 *   core. Unlike a fixed heap limit this scales with what is monitored: a larger site does not
 *   run out of memory.
 * - the young generation grows to 128 MB on a machine with memory to spare. It is let grow to
 *   32 MB (V8's size on small machines) and no further. The semi-space size can only be set at
 *   start-up (the desktop app's main process takes no V8 flags), so its growth factor is switched
 *   off once one more doubling would pass the cap, and on again if V8 shrinks it.
 */
import v8 from 'node:v8';

/** How far (percent) the old generation may grow past its live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 30;
/** The most the young generation (both semi-spaces) may take. */
export const NEW_SPACE_CAP_BYTES = 32 * 2 ** 20;
const DEFAULT_SEMI_SPACE_GROWTH = 2;
const CHECK_MS = 500;

/** Whether the young generation may double again (pure, for the tests). */
export function newSpaceMayGrow(newSpaceBytes: number, capBytes = NEW_SPACE_CAP_BYTES): boolean {
  return newSpaceBytes * DEFAULT_SEMI_SPACE_GROWTH <= capBytes;
}

let applied = false;

export function applyHeapPolicy(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  let growing = true;
  const check = (): void => {
    const size = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    const may = newSpaceMayGrow(size);
    if (may === growing) return;
    growing = may;
    v8.setFlagsFromString(`--semi-space-growth-factor=${may ? DEFAULT_SEMI_SPACE_GROWTH : 1}`);
  };
  check();
  setInterval(check, CHECK_MS).unref();
}
