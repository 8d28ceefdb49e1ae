/**
 * A binary min-heap keyed by a number: the scheduler's timeline of device wake-ups. Its arrays are
 * reallocated at their size once they have shrunk to a quarter of what they held (V8 keeps an
 * array's storage when it shrinks), so a burst leaves no memory behind.
 */
export class MinHeap<T> {
  private keys: number[] = [];
  private values: T[] = [];
  /** The most entries held since the arrays were last allocated. */
  private capacity = 0;

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: T): void {
    this.keys.push(key);
    this.values.push(value);
    this.capacity = Math.max(this.capacity, this.keys.length);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  pop(): { key: number; value: T } | undefined {
    if (this.keys.length === 0) return undefined;
    const top = { key: this.keys[0] as number, value: this.values[0] as T };
    const lastKey = this.keys.pop() as number;
    const lastValue = this.values.pop() as T;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.values[0] = lastValue;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && (this.keys[l] as number) < (this.keys[m] as number)) m = l;
        if (r < this.keys.length && (this.keys[r] as number) < (this.keys[m] as number)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    if (this.capacity > 1024 && this.keys.length * 4 < this.capacity) this.reallocate();
    return top;
  }

  /** Keeps only the entries `keep` accepts (in one pass, then re-heaped). */
  retain(keep: (key: number, value: T) => boolean): void {
    const entries: { key: number; value: T }[] = [];
    for (let i = 0; i < this.keys.length; i++) if (keep(this.keys[i] as number, this.values[i] as T)) entries.push({ key: this.keys[i] as number, value: this.values[i] as T });
    entries.sort((a, b) => a.key - b.key); // a sorted array is a heap
    this.keys = entries.map((e) => e.key);
    this.values = entries.map((e) => e.value);
    this.capacity = this.keys.length;
  }

  clear(): void {
    this.keys = [];
    this.values = [];
    this.capacity = 0;
  }

  private reallocate(): void {
    this.keys = this.keys.slice();
    this.values = this.values.slice();
    this.capacity = this.keys.length;
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
    [this.values[a], this.values[b]] = [this.values[b] as T, this.values[a] as T];
  }
}
