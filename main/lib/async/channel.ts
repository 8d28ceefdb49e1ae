/** An unbounded async queue: one side pushes, one `for await` consumer reads until close(). */
export interface Channel<T> extends AsyncIterable<T> {
  push(value: T): void;
  /** No more values; the consumer ends after draining. */
  close(): void;
  readonly size: number;
}

export function createChannel<T>(): Channel<T> {
  let items: T[] = [];
  let head = 0;
  let closed = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    push(value) {
      if (closed) return;
      items.push(value);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
    get size() {
      return items.length - head;
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (head < items.length) {
          const v = items[head++]!;
          if (head > 1024 && head * 2 > items.length) {
            items = items.slice(head);
            head = 0;
          }
          yield v;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
