import { useId, useMemo, useState } from 'react';
import { formatBps } from '../lib/format.ts';
import { filterInterfaces, trafficOf, type InterfaceRow } from '../lib/interface-table.ts';

const MAX_MATCHES = 12;

/**
 * Which interfaces have graphs: chips for the graphed ones (remove with ✕), a search by name or
 * alias to add any other, and "Busiest" to go back to the default choice.
 */
export function InterfacePicker({ rows, graphed, picked, max, onChange }: { rows: InterfaceRow[]; graphed: string[]; picked: boolean; max: number; onChange(names: string[] | undefined): void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const matches = useMemo(() => {
    const shown = new Set(graphed);
    return filterInterfaces(rows, query)
      .filter((r) => !shown.has(r.name))
      .sort((a, b) => (query ? 0 : trafficOf(b) - trafficOf(a)))
      .slice(0, MAX_MATCHES);
  }, [rows, graphed, query]);
  const full = graphed.length >= max;
  const add = (name: string) => {
    onChange([...graphed, name]);
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="if-picker" aria-label="Graphed interfaces" role="group">
      <span className="muted">{picked ? 'Graphed:' : graphed.length > 0 ? 'Busiest up interfaces:' : 'No interface is up with traffic: pick one to graph.'}</span>
      {graphed.map((name) => (
        <span key={name} className="if-chip">
          {name}
          <button type="button" aria-label={`Stop graphing ${name}`} title="Stop graphing" onClick={() => onChange(graphed.filter((n) => n !== name))}>
            ✕
          </button>
        </span>
      ))}
      <div className="if-picker-search">
        <input
          type="search"
          value={query}
          placeholder={full ? `At most ${max} graphs` : 'Add a graph: name or alias'}
          aria-label="Graph an interface"
          aria-controls={listId}
          aria-expanded={open && matches.length > 0}
          role="combobox"
          disabled={full}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches[0]) {
              e.preventDefault();
              add(matches[0].name);
            } else if (e.key === 'Escape') setOpen(false);
          }}
        />
        {open && matches.length > 0 ? (
          <ul id={listId} className="if-picker-list" role="listbox" aria-label="Interfaces to graph">
            {matches.map((r) => (
              <li key={r.name} role="option" aria-selected={false}>
                <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => add(r.name)}>
                  <span>
                    <strong>{r.name}</strong>
                    {r.alias ? <span className="muted"> · {r.alias}</span> : null}
                  </span>
                  <span className="muted">{r.oper === 1 ? formatBps(trafficOf(r)) : r.oper === undefined ? '' : 'down'}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {picked ? (
        <button type="button" className="btn btn-small" onClick={() => onChange(undefined)}>
          Busiest
        </button>
      ) : null}
    </div>
  );
}
