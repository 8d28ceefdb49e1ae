import { afterEach } from 'vitest';

/** Something a test opened: a function that undoes it, or an object with close(). */
export type Cleanup = (() => unknown) | { close(): unknown };

/** Registers what a test opened, to be closed after it; returns what it was given. */
export type Later = <T extends Cleanup>(item: T) => T;

/**
 * Call once at the top of a test file: after each test, what it registered through the returned
 * `later` is closed, the last opened first, each awaited.
 */
export function cleanupAfterEach(): Later {
  const items: Cleanup[] = [];
  afterEach(async () => {
    for (const item of items.splice(0).reverse()) await (typeof item === 'function' ? item() : item.close());
  });
  return (item) => {
    items.push(item);
    return item;
  };
}
