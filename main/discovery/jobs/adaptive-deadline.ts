/**
 * A deadline that follows a shrinking estimate: it fires once `limitMs()` milliseconds have passed
 * since `since`, reading the limit again each time it wakes. A probe sent before the first answers
 * of its subnet (with the configured timeout) thus stops waiting as soon as those answers show the
 * subnet is fast, instead of waiting the whole configured timeout. It wakes at least every
 * `recheckMs` (default 100 ms) to read the limit again. When the time is up it still lets pending
 * I/O run once (setImmediate) before it fires: an answer already waiting in the socket when a
 * stalled event loop wakes up is an answer, not a timeout.
 */
export interface AdaptiveDeadline {
  readonly expired: Promise<void>;
  cancel(): void;
}

export function adaptiveDeadline(since: number, limitMs: () => number, now: () => number = () => performance.now(), recheckMs = 100): AdaptiveDeadline {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const expired = new Promise<void>((resolve) => {
    const check = (): void => {
      if (cancelled) return;
      const left = since + limitMs() - now();
      if (left <= 0) setImmediate(() => !cancelled && resolve());
      else timer = setTimeout(check, Math.min(recheckMs, Math.ceil(left)));
    };
    check();
  });
  return {
    expired,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
