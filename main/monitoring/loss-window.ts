/**
 * Windowed ICMP figures: packet loss and latency over the last few minutes of checks, instead of
 * one 3-probe check (whose loss can only be 0, 33, 66 or 100 %), and the "degraded" verdict that
 * follows the windowed loss with hysteresis. Pure functions (every input carries its time) plus a
 * small per-device tracker the poll sink uses (poll-sink.ts); written as their own series,
 * `ping_loss_pct_5m` and `ping_rtt_ms_5m`, so the dashboard, the device page and alert rules read
 * them like any other metric.
 *
 * The window (definition):
 * - It holds the ICMP checks of the last `windowMs` (default 5 min) before the latest answered
 *   check, and always that latest check (an hourly check interval degrades to "the last check").
 * - Loss is probe-weighted: lost probes / sent probes over those checks, in %, one decimal.
 *   Latency is the mean round-trip time of every reply in the window (each check's average
 *   weighted by its replies).
 * - A check with no reply at all is held aside: when the device answers again before it is called
 *   down, those checks count as lost probes (a lossy link loses whole checks too); when it is
 *   called down, the window starts afresh (an outage is availability's business, not loss: no
 *   loss figure, alert or degraded status is left behind by a reboot).
 * - No figure until the window holds `minProbes` (default 10) probes: one lost probe of a new
 *   device's first 3-probe check is not "33 % loss".
 *
 * Degraded (hysteresis): a device becomes degraded when its windowed loss reaches `degradedAtPct`
 * (default 10 %) and is up again only when it falls to `upAtPct` (default 2 %) or below; in
 * between, and while there is no figure, it keeps its state.
 */

export interface LossWindowConfig {
  /** How far back the window reaches, ms. Default 5 min. */
  windowMs: number;
  /** Probes the window must hold before it gives a figure. Default 10. */
  minProbes: number;
  /** Degraded when the windowed loss is at least this, %. Default 10. */
  degradedAtPct: number;
  /** Up again only when the windowed loss is at most this, %. Default 2 (below degradedAtPct). */
  upAtPct: number;
}

export const DEFAULT_LOSS_WINDOW: Readonly<LossWindowConfig> = Object.freeze({ windowMs: 5 * 60_000, minProbes: 10, degradedAtPct: 10, upAtPct: 2 });

/** What one ICMP check measured. */
export interface ProbeCounts {
  sent: number;
  received: number;
  /** Average round-trip time of its replies, null when none came back. */
  rttMs: number | null;
}

export interface WindowCheck extends ProbeCounts {
  at: number;
}

export interface LossWindow {
  /** Counted checks, oldest first. */
  checks: readonly WindowCheck[];
  /** Checks with no reply since the last answered one (counted if the device answers again). */
  unanswered: readonly WindowCheck[];
  degraded: boolean;
}

export interface WindowFigures {
  lossPct: number;
  /** Null when the window holds no reply. */
  rttMs: number | null;
  /** Probes the figures are made of. */
  probes: number;
}

export const emptyWindow = (degraded = false): LossWindow => ({ checks: [], unanswered: [], degraded });

export function validateLossWindow(c: LossWindowConfig): LossWindowConfig {
  if (!(Number.isFinite(c.windowMs) && c.windowMs > 0)) throw new RangeError('windowMs must be positive');
  if (!(Number.isInteger(c.minProbes) && c.minProbes >= 1)) throw new RangeError('minProbes must be a positive integer');
  if (!(c.upAtPct >= 0 && c.upAtPct < c.degradedAtPct && c.degradedAtPct <= 100)) throw new RangeError('need 0 <= upAtPct < degradedAtPct <= 100');
  return c;
}

/** The window after one check (pure). Checks older than `windowMs` before an answered check drop out. */
export function addCheck(w: LossWindow, check: WindowCheck, windowMs: number): LossWindow {
  if (check.sent <= 0) return w;
  if (check.received === 0) return { ...w, unanswered: [...w.unanswered, check] };
  const since = check.at - windowMs;
  const checks = [...w.checks, ...w.unanswered].filter((c) => c.at > since);
  checks.push(check);
  return { ...w, checks, unanswered: [] };
}

/** Loss and latency over the window, or null while it holds fewer than `minProbes` probes (pure). */
export function windowFigures(w: LossWindow, minProbes: number): WindowFigures | null {
  let sent = 0;
  let received = 0;
  let rttSum = 0;
  for (const c of w.checks) {
    sent += c.sent;
    received += c.received;
    if (c.rttMs !== null) rttSum += c.rttMs * c.received;
  }
  if (sent < minProbes || sent === 0) return null;
  return { lossPct: Math.round(((sent - received) / sent) * 1000) / 10, rttMs: received > 0 ? Math.round((rttSum / received) * 1000) / 1000 : null, probes: sent };
}

/** The degraded verdict after a windowed loss figure (pure): enter at degradedAtPct, leave at upAtPct. */
export function nextDegraded(degraded: boolean, lossPct: number | null, c: Pick<LossWindowConfig, 'degradedAtPct' | 'upAtPct'>): boolean {
  if (lossPct === null) return degraded;
  return degraded ? lossPct > c.upAtPct : lossPct >= c.degradedAtPct;
}

export interface LossWindows {
  /**
   * One ICMP check of a device. `figures` is null when this check changed nothing to report (no
   * reply: held aside) or the window is still too small.
   */
  observe(deviceId: string, check: WindowCheck): { figures: WindowFigures | null; degraded: boolean };
  /** The device was called down: its window starts afresh, not degraded. */
  reset(deviceId: string): void;
  /** The device was deleted. */
  forget(deviceId: string): void;
}

/**
 * Per-device windows. `degradedAtStart`: whether a device was degraded when the engine stopped
 * (its persisted ICMP state), so a restart does not flip it to up before its window refills.
 */
export function createLossWindows(config: Partial<LossWindowConfig> = {}, degradedAtStart: (deviceId: string) => boolean = () => false): LossWindows {
  const c = validateLossWindow({ ...DEFAULT_LOSS_WINDOW, ...config });
  const windows = new Map<string, LossWindow>();
  return {
    observe(deviceId, check) {
      const before = windows.get(deviceId) ?? emptyWindow(degradedAtStart(deviceId));
      const after = addCheck(before, check, c.windowMs);
      const figures = check.received > 0 ? windowFigures(after, c.minProbes) : null;
      const degraded = nextDegraded(after.degraded, figures?.lossPct ?? null, c);
      windows.set(deviceId, { ...after, degraded });
      return { figures, degraded };
    },
    reset(deviceId) {
      windows.set(deviceId, emptyWindow(false));
    },
    forget(deviceId) {
      windows.delete(deviceId);
    },
  };
}
