/** FNV-1a, 32 bits: a fast, stable hash for spreading schedules (not for security). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The first time strictly after `after` that is `phase` modulo `interval`. With the phase taken
 * from the device (not the item), every item of a device whose interval divides another's lands
 * on the same instants (60 s slots contain the 300 s ones), so they can be polled in one request,
 * while different devices are spread over the whole interval.
 */
export function nextSlot(after: number, intervalMs: number, phase: number): number {
  const offset = (((after - phase) % intervalMs) + intervalMs) % intervalMs;
  return after - offset + intervalMs;
}
