import { useState } from 'react';
import { fromLocalInput, PRESET_LABELS, presetRange, toLocalInput, type RangePreset } from '../lib/time-range.ts';
import { useDeviceDetailStore } from '../stores/device-detail-store.ts';

const PRESETS: RangePreset[] = ['1h', '24h', '7d', '30d', 'custom'];

/** The device page's time range: presets, or a custom from..to (shared by its WARD FLUX and Zabbix graphs). */
export function RangePicker() {
  const range = useDeviceDetailStore((s) => s.range);
  const setRange = useDeviceDetailStore((s) => s.setRange);
  const [from, setFrom] = useState(() => toLocalInput(range.from));
  const [to, setTo] = useState(() => toLocalInput(range.to));
  const [custom, setCustom] = useState(range.preset === 'custom');
  const [problem, setProblem] = useState<string>();

  function apply(): void {
    const f = fromLocalInput(from);
    const t = fromLocalInput(to);
    if (f === undefined || t === undefined) return setProblem('Give both a start and an end.');
    if (t <= f) return setProblem('The end must be after the start.');
    setProblem(undefined);
    setRange({ preset: 'custom', from: f, to: t });
  }

  return (
    <div className="inline-form" role="group" aria-label="Time range">
      <div className="segmented">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={p === 'custom' ? custom : !custom && range.preset === p}
            onClick={() => {
              if (p === 'custom') {
                setCustom(true);
                setFrom(toLocalInput(range.from));
                setTo(toLocalInput(range.to));
              } else {
                setCustom(false);
                setRange(presetRange(p));
              }
            }}
          >
            {PRESET_LABELS[p]}
          </button>
        ))}
      </div>
      {custom ? (
        <>
          <label className="check">
            From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={problem ? true : undefined} />
          </label>
          <label className="check">
            To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={problem ? true : undefined} />
          </label>
          <button type="button" className="btn btn-small" onClick={apply}>
            Show
          </button>
          {problem ? (
            <span className="field-error" role="alert">
              {problem}
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
