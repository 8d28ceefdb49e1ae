import { useMemo, useState, type FormEvent } from 'react';
import { CartesianGrid, Line, LineChart, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PingTargetResult } from '../../main/api/diagnostics.ts';
import { Banner } from '../components/banner.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Field } from '../components/field.tsx';
import { DiagnosticsIcon } from '../components/icons.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useWidth } from '../components/use-width.ts';
import { formatMs, formatPct } from '../lib/format.ts';
import { hashParam } from '../lib/hash-query.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCan } from '../stores/session-store.ts';
import { pingView, TABLE_LIMIT } from '../stores/diagnostics-ping-view.ts';
import { useDiagnosticsStore, type DiagKind, type Run } from '../stores/diagnostics-store.ts';
import '../styles/diagnostics.css';

const KIND_LABELS: Record<DiagKind, string> = { ping: 'Ping', traceroute: 'Traceroute', mtr: 'MTR' };
/** The kind inside a sentence: "Start traceroute", but "Start MTR" (an acronym stays upper case). */
const inSentence = (kind: DiagKind): string => (kind === 'mtr' ? KIND_LABELS[kind] : KIND_LABELS[kind].toLowerCase());
const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];
const STATUS_WORDS: Record<string, string> = {
  reply: 'Reply',
  'ttl-exceeded': 'TTL exceeded',
  unreachable: 'Unreachable',
  'too-big': 'Packet too big',
  timeout: 'No reply',
  cancelled: 'Cancelled',
  error: 'Error',
};

/** A number from a text field; NaN when empty, so the engine says what is missing. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function RunStatus({ run, onCancel }: { run: Run; onCancel(): void }) {
  const words = { starting: 'Starting…', running: 'Running…', completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' }[run.status];
  return (
    <div className="toolbar" role="status" aria-live="polite">
      {run.status === 'running' || run.status === 'starting' ? <span className="spinner" aria-hidden="true" /> : null}
      <strong>{words}</strong>
      {run.targets.length > 0 ? <span className="muted">{run.targets.map((t) => (t.input === t.address ? t.address : `${t.input} (${t.address})`)).join(', ')}</span> : null}
      <div className="toolbar-spacer" />
      {run.status === 'running' ? (
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}

/** Rows in the loss strip: one per target up to this many targets, else one row for all. */
const MAX_LOSS_ROWS = 6;
/** The y-axis width of both charts (so the loss ticks line up under the RTT points): narrower on a phone. */
const axisWidth = (chartWidth: number): number => (chartWidth < 520 ? 66 : 92);
/** A target in the loss strip's narrow axis: the end of the address ("…1.10"). */
const shortTarget = (t: string, narrow: boolean): string => (narrow && t.length > 9 ? `…${t.slice(-6)}` : t);
const MARGIN = { top: 6, right: 12, bottom: 0, left: 0 };
const LOSS_ROW_PX = 22;

/** A round step near `raw`: 1, 2 or 5 times a power of ten. */
function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((step) => step >= raw * 0.999) ?? 10 * pow;
}

/** Whole sequence numbers from `min` to `max`, at most about 10 of them (1, 2, 5, 10, 20 … apart). */
function sequenceTicks(min: number, max: number): number[] {
  const step = niceStep(Math.max(1, (max - min) / 10));
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) out.push(t);
  return out;
}

/** RTT ticks from 0 to just above the slowest reply, a round step apart (0, 0.05, 0.10, 0.15 ms). */
function rttTicks(maxMs: number): number[] {
  const step = niceStep(Math.max(maxMs, 0.001) / 4);
  const n = Math.max(1, Math.ceil(maxMs / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(6)));
}

interface LossPoint {
  index: number;
  row: number;
  target: string;
  status: string;
}

function LossTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: LossPoint }> }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">Probe {p.index}</div>
      <div>
        <span className="mono">{p.target}</span>: {STATUS_WORDS[p.status] ?? p.status}
      </div>
    </div>
  );
}

/** A lost probe: a short red tick in its target's row. */
function LossTick(props: unknown) {
  const { cx, cy } = props as { cx?: number; cy?: number };
  if (cx === undefined || cy === undefined) return <g />;
  return <rect className="loss-tick" x={cx - 1.5} y={cy - 6} width={3} height={12} rx={1} fill="var(--danger)" />;
}

/**
 * Round-trip times, one line per target over the sequence number, scaled to the replies only;
 * lost probes (no reply, unreachable …) are red ticks in a strip of their own under the lines.
 */
function RttChart({ run }: { run: Run }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const view = useMemo(() => pingView(run), [run]);
  const { targets, rows, lost } = view;
  const domain: [number, number] = [view.domain[0] - 0.5, view.domain[1] + 0.5];
  const xTicks = sequenceTicks(view.domain[0], view.domain[1]);
  const yTicks = rttTicks(Math.max(0, ...rows.flatMap((r) => targets.map((t) => r[t] ?? 0))));
  const perTarget = targets.length <= MAX_LOSS_ROWS;
  const lossRows = perTarget ? Math.max(1, targets.length) : 1;
  const rowOf = new Map(targets.map((t, i) => [t, perTarget ? i : 0]));
  const lossPoints: LossPoint[] = lost.map((p) => ({ index: p.index, row: rowOf.get(p.target) ?? 0, target: p.target, status: p.status }));
  const narrow = width < 520;
  const AXIS_WIDTH = axisWidth(width);
  const rowLabel = (row: number): string => (targets.length === 1 || !perTarget ? 'Lost' : shortTarget(targets[row] ?? '', narrow));
  const sent = run.probes.length;
  const colorOf = (t: string): string => COLORS[targets.indexOf(t) % COLORS.length]!;
  return (
    <section className="card chart-card" aria-label="Round-trip time">
      <div className="chart-head">
        <h3 className="chart-title">Round-trip time</h3>
        {sent > 0 ? (
          <span className={`chart-last ${lost.length > 0 ? 'result-bad' : ''}`} aria-label="Lost probes">
            {lost.length > 0 ? (
              <>
                <span className="diag-loss-key" aria-hidden="true" />
                {`${lost.length} of ${sent} probes lost`}
              </>
            ) : (
              `${sent} of ${sent} replied`
            )}
          </span>
        ) : null}
      </div>
      <div ref={ref} className="chart-box diag-chart">
        {rows.length === 0 ? (
          <div className="chart-empty">Waiting for the first reply…</div>
        ) : width > 0 ? (
          <>
            {view.replies === 0 ? (
              <div className="chart-empty">
                No replies: every probe so far was lost.
              </div>
            ) : (
              <LineChart width={width} height={160} data={rows} margin={{ ...MARGIN, bottom: 8 }} aria-label="Round-trip time of replies">
                <CartesianGrid vertical={false} strokeDasharray="3 3" />
                <XAxis dataKey="index" type="number" domain={domain} ticks={xTicks} hide />
                <YAxis width={AXIS_WIDTH} domain={[0, yTicks[yTicks.length - 1]!]} ticks={yTicks} interval={0} tickFormatter={(v: number) => formatMs(v)} tickLine={false} axisLine={false} />
                <Tooltip formatter={(v) => formatMs(v as number)} labelFormatter={(l) => `Probe ${String(l)}`} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)' }} />
                {targets.map((t) => (
                  <Line key={t} dataKey={t} name={t} stroke={colorOf(t)} dot={rows.length < 60} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
                ))}
              </LineChart>
            )}
            <ScatterChart width={width} height={LOSS_ROW_PX * lossRows + 38} margin={{ ...MARGIN, top: 4 }} aria-label="Lost probes">
              <XAxis dataKey="index" type="number" domain={domain} ticks={xTicks} tickLine={false} axisLine={false} name="Probe" />
              <YAxis
                dataKey="row"
                type="number"
                width={AXIS_WIDTH}
                domain={[-0.5, lossRows - 0.5]}
                ticks={Array.from({ length: lossRows }, (_, i) => i)}
                reversed
                tickFormatter={rowLabel}
                tickLine={false}
                axisLine={false}
                interval={0}
              />
              <CartesianGrid vertical={false} horizontal={false} fill="color-mix(in srgb, var(--danger) 5%, transparent)" />
              <Tooltip content={LossTooltip} cursor={false} />
              <Scatter data={lossPoints} shape={LossTick} isAnimationActive={false} />
            </ScatterChart>
            {targets.length > 1 ? (
              <div className="diag-targets" aria-label="Targets">
                {targets.map((t) => (
                  <span key={t} className="mono">
                    <span aria-hidden="true" className="diag-swatch" style={{ background: colorOf(t) }} />
                    {t}
                  </span>
                ))}
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}

function PingSummary({ targets }: { targets: PingTargetResult[] }) {
  return (
    <section className="card card-compact" aria-labelledby="ping-summary-title">
      <div className="card-header">
        <h3 id="ping-summary-title" className="card-title">
          Summary
        </h3>
      </div>
      <div className="card-table diag-table-scroll">
        <table className="table" aria-label="Ping summary">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col" className="num">Sent</th>
              <th scope="col" className="num">Received</th>
              <th scope="col" className="num">Loss</th>
              <th scope="col" className="num">Min</th>
              <th scope="col" className="num">Avg</th>
              <th scope="col" className="num">Max</th>
              <th scope="col" className="num">Jitter</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <tr key={t.address}>
                <td className="cell-strong mono">{t.input === t.address ? t.address : `${t.input} (${t.address})`}</td>
                <td className="num">{t.sent}</td>
                <td className="num">{t.received}</td>
                <td className={`num ${t.lossPct > 0 ? 'result-bad' : ''}`}>{formatPct(t.lossPct)}</td>
                <td className="num">{formatMs(t.minMs)}</td>
                <td className="num">{formatMs(t.avgMs)}</td>
                <td className="num">{formatMs(t.maxMs)}</td>
                <td className="num">{formatMs(t.jitterMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PingPanel() {
  const { runs, errors, start, cancel } = useDiagnosticsStore();
  const ready = useConnectionStore((s) => s.status === 'ready');
  const may = useCan('diagnostics.start');
  const run = runs.ping;
  const fieldErrors = errors.ping;
  const [targets, setTargets] = useState(presetTarget);
  const [count, setCount] = useState('5');
  const [interval, setInterval] = useState('1');
  const [size, setSize] = useState('56');
  const [timeout, setTimeoutSec] = useState('1');
  const busy = run?.status === 'running' || run?.status === 'starting';
  const list = targets.split(/[\s,;]+/).filter(Boolean);

  function submit(event: FormEvent): void {
    event.preventDefault();
    void start({ kind: 'ping', targets: list, count: num(count), intervalSec: num(interval), sizeBytes: num(size), timeoutSec: num(timeout) });
  }

  const done = run?.done?.result?.kind === 'ping' ? run.done.result.targets : undefined;
  const view = run ? pingView(run) : undefined;
  const recent = view?.table ?? [];
  return (
    <>
      <form className="card card-pad inline-form" onSubmit={submit} noValidate aria-label="Ping">
        <div className="field-grow">
          <Field label="Targets" error={fieldErrors?.fields.targets} hint="Addresses or host names, separated by spaces or commas">
            <input type="text" value={targets} onChange={(e) => setTargets(e.target.value)} placeholder="192.0.2.1, router.site" spellCheck={false} className="mono" />
          </Field>
        </div>
        <Field label="Count" error={fieldErrors?.fields.count}>
          <input type="number" value={count} onChange={(e) => setCount(e.target.value)} min={1} />
        </Field>
        <Field label="Interval (s)" error={fieldErrors?.fields.intervalSec}>
          <input type="number" value={interval} onChange={(e) => setInterval(e.target.value)} step="0.1" min={0.01} />
        </Field>
        <Field label="Size (bytes)" error={fieldErrors?.fields.sizeBytes}>
          <input type="number" value={size} onChange={(e) => setSize(e.target.value)} min={16} />
        </Field>
        <Field label="Timeout (s)" error={fieldErrors?.fields.timeoutSec}>
          <input type="number" value={timeout} onChange={(e) => setTimeoutSec(e.target.value)} step="0.5" min={0.1} />
        </Field>
        <div className="form-actions-left">
          <button type="submit" className="btn btn-primary" disabled={busy || !ready || !may.allowed} title={may.reason}>
            Start ping
          </button>
        </div>
      </form>
      {fieldErrors?.banner ? <Banner tone="error">{fieldErrors.banner}</Banner> : null}
      {run ? (
        <>
          <RunStatus run={run} onCancel={() => void cancel('ping')} />
          {run.error ? <Banner tone="error">{run.error}</Banner> : null}
          {done ? <PingSummary targets={done} /> : null}
          <RttChart run={run} />
          <section className="card card-compact" aria-labelledby="ping-replies-title">
            <div className="card-header">
              <h3 id="ping-replies-title" className="card-title">
                Replies
              </h3>
              <span className="muted">{view?.truncated ? `The latest ${TABLE_LIMIT}, by target and sequence` : 'By target and sequence'}</span>
            </div>
            {recent.length === 0 ? (
              <p className="card-empty">Waiting for the first reply…</p>
            ) : (
              <div className="card-table table-scroll diag-table-scroll">
                <table className="table" aria-label="Ping replies">
                  <thead>
                    <tr>
                      <th scope="col">Target</th>
                      <th scope="col" className="num">Seq</th>
                      <th scope="col">Result</th>
                      <th scope="col">From</th>
                      <th scope="col" className="num">RTT</th>
                    </tr>
                  </thead>
                  <tbody>
                    {recent.map((p) => (
                      <tr key={`${p.target}-${p.index}`}>
                        <td className="mono">{p.target}</td>
                        <td className="num">{p.index}</td>
                        <td className={p.status === 'reply' ? 'result-ok' : 'result-bad'}>{STATUS_WORDS[p.status] ?? p.status}</td>
                        <td className="mono cell-muted">{p.from ?? '—'}</td>
                        <td className="num">{p.status === 'reply' ? formatMs(p.rttMs) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : (
        <Idle kind="ping" />
      )}
    </>
  );
}

function Idle({ kind }: { kind: DiagKind }) {
  const text = {
    ping: 'Send ICMP echo requests to one or more devices and watch the replies arrive.',
    traceroute: 'See every router on the path to a device, hop by hop.',
    mtr: 'Traceroute and ping combined: loss and latency at every hop, round after round.',
  }[kind];
  return (
    <EmptyState icon={<DiagnosticsIcon />} title={`No ${inSentence(kind)} run yet`}>
      <p>{text}</p>
    </EmptyState>
  );
}

function PathPanel({ kind }: { kind: 'traceroute' | 'mtr' }) {
  const { runs, errors, start, cancel } = useDiagnosticsStore();
  const ready = useConnectionStore((s) => s.status === 'ready');
  const may = useCan('diagnostics.start');
  const run = runs[kind];
  const fieldErrors = errors[kind];
  const [target, setTarget] = useState(presetTarget);
  const [maxHops, setMaxHops] = useState('30');
  const [count, setCount] = useState('10');
  const [timeout, setTimeoutSec] = useState('1');
  const [protocol, setProtocol] = useState<'icmp' | 'udp'>('icmp');
  const busy = run?.status === 'running' || run?.status === 'starting';

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (kind === 'traceroute') void start({ kind, target, maxHops: num(maxHops), timeoutSec: num(timeout), protocol });
    else void start({ kind, target, maxHops: num(maxHops), count: num(count), timeoutSec: num(timeout), protocol });
  }

  return (
    <>
      <form className="card card-pad inline-form" onSubmit={submit} noValidate aria-label={KIND_LABELS[kind]}>
        <div className="field-grow">
          <Field label="Target" error={fieldErrors?.fields.target} hint="An address or a host name">
            <input type="text" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="192.0.2.1" spellCheck={false} className="mono" />
          </Field>
        </div>
        {kind === 'mtr' ? (
          <Field label="Rounds" error={fieldErrors?.fields.count}>
            <input type="number" value={count} onChange={(e) => setCount(e.target.value)} min={1} />
          </Field>
        ) : null}
        <Field label="Max hops" error={fieldErrors?.fields.maxHops}>
          <input type="number" value={maxHops} onChange={(e) => setMaxHops(e.target.value)} min={1} max={64} />
        </Field>
        <Field label="Timeout (s)" error={fieldErrors?.fields.timeoutSec}>
          <input type="number" value={timeout} onChange={(e) => setTimeoutSec(e.target.value)} step="0.5" />
        </Field>
        <Field label="Protocol" error={fieldErrors?.fields.protocol}>
          <select value={protocol} onChange={(e) => setProtocol(e.target.value as 'icmp' | 'udp')}>
            <option value="icmp">ICMP</option>
            <option value="udp">UDP</option>
          </select>
        </Field>
        <div className="form-actions-left">
          <button type="submit" className="btn btn-primary" disabled={busy || !ready || !may.allowed} title={may.reason}>
            Start {inSentence(kind)}
          </button>
        </div>
      </form>
      {fieldErrors?.banner ? <Banner tone="error">{fieldErrors.banner}</Banner> : null}
      {run ? (
        <>
          <RunStatus run={run} onCancel={() => void cancel(kind)} />
          {run.error ? <Banner tone="error">{run.error}</Banner> : null}
          {kind === 'traceroute' ? <TraceTable run={run} /> : <MtrTable run={run} />}
        </>
      ) : (
        <Idle kind={kind} />
      )}
    </>
  );
}

function TraceTable({ run }: { run: Run }) {
  const trace = run.done?.result?.kind === 'traceroute' ? run.done.result.trace : undefined;
  return (
    <section className="card card-compact" aria-label="Hops">
      {trace ? (
        <div className="card-header">
          <span className={trace.reached ? 'result-ok' : 'result-bad'}>{trace.reached ? `Reached ${trace.target} in ${trace.hops.length} ${trace.hops.length === 1 ? 'hop' : 'hops'}.` : `Did not reach ${trace.target}.`}</span>
        </div>
      ) : null}
      {run.hops.length === 0 ? (
        <p className="card-empty">Waiting for the first hop…</p>
      ) : (
        <div className="card-table diag-table-scroll">
          <table className="table" aria-label="Traceroute hops">
            <thead>
              <tr>
                <th scope="col" className="num diag-hop">Hop</th>
                <th scope="col">Address</th>
                <th scope="col">Probes</th>
              </tr>
            </thead>
            <tbody>
              {run.hops.map((h) => {
                const addresses = [...new Set(h.probes.map((p) => p.address).filter(Boolean))];
                return (
                  <tr key={h.hop}>
                    <td className="num">{h.hop}</td>
                    <td className="mono">{addresses.length > 0 ? addresses.join(', ') : <span className="muted">* no answer</span>}</td>
                    <td className="mono diag-probes">
                      {h.probes.map((p, i) => (
                        <span key={i}>{p.rttMs !== null ? formatMs(p.rttMs) : '*'}</span>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MtrTable({ run }: { run: Run }) {
  const mtr = run.mtr;
  return (
    <section className="card card-compact" aria-label="MTR hops">
      <div className="card-header">
        <span className="muted">{mtr ? `${mtr.rounds} ${mtr.rounds === 1 ? 'round' : 'rounds'}${mtr.reached ? `, reaches ${mtr.target}` : ''}` : ''}</span>
      </div>
      {!mtr || mtr.hops.length === 0 ? (
        <p className="card-empty">Waiting for the first round…</p>
      ) : (
        <div className="card-table diag-table-scroll">
          <table className="table" aria-label="MTR results">
            <thead>
              <tr>
                <th scope="col" className="num diag-hop">Hop</th>
                <th scope="col">Address</th>
                <th scope="col" className="num">Loss</th>
                <th scope="col" className="num">Sent</th>
                <th scope="col" className="num">Last</th>
                <th scope="col" className="num">Avg</th>
                <th scope="col" className="num">Best</th>
                <th scope="col" className="num">Worst</th>
                <th scope="col" className="num">StDev</th>
              </tr>
            </thead>
            <tbody>
              {mtr.hops.map((h) => (
                <tr key={h.hop}>
                  <td className="num">{h.hop}</td>
                  <td className="mono">{h.address ?? <span className="muted">* no answer</span>}</td>
                  <td className={`num ${h.lossPct > 0 ? 'result-bad' : ''}`}>{formatPct(h.lossPct)}</td>
                  <td className="num">{h.sent}</td>
                  <td className="num">{formatMs(h.lastMs)}</td>
                  <td className="num">{formatMs(h.avgMs)}</td>
                  <td className="num">{formatMs(h.bestMs)}</td>
                  <td className="num">{formatMs(h.worstMs)}</td>
                  <td className="num">{formatMs(h.stdevMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Ping, traceroute and MTR from this machine, streamed live. */
/** The address a link opened Diagnostics with (#/diagnostics?target=…, the device page's Diagnose). */
const presetTarget = (): string => hashParam(location.hash, 'target');

export function DiagnosticsPage() {
  const [tab, setTab] = useState<DiagKind>('ping');
  return (
    <div className="page">
      <Tabs<DiagKind> label="Diagnostics" tabs={(['ping', 'traceroute', 'mtr'] as const).map((k) => ({ id: k, label: KIND_LABELS[k] }))} current={tab} onChange={setTab} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="stack">
        {tab === 'ping' ? <PingPanel /> : <PathPanel key={tab} kind={tab} />}
      </div>
    </div>
  );
}
