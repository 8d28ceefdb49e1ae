import { useMemo, useState } from 'react';
import { formatAgo, formatBps, formatPct, plural } from '../lib/format.ts';
import { filterInterfaces, nextSort, sortInterfaces, type InterfaceRow, type InterfaceSort, type InterfaceSortKey } from '../lib/interface-table.ts';
import { shownUtilisation } from '../lib/interface-utilisation.ts';

const OPER: Record<number, { label: string; cls: string }> = {
  1: { label: 'Up', cls: 'badge-ok' },
  2: { label: 'Down', cls: 'badge-down' },
  3: { label: 'Testing', cls: 'badge-warn' },
  4: { label: 'Unknown', cls: 'badge-muted' },
  5: { label: 'Dormant', cls: 'badge-muted' },
  6: { label: 'Not present', cls: 'badge-muted' },
  7: { label: 'Lower layer down', cls: 'badge-down' },
};

/** ifAdminStatus: what the port is configured to be. Down is a choice (shut), not a fault. */
const ADMIN: Record<number, { label: string; cls: string }> = {
  1: { label: 'Up', cls: 'badge-ok' },
  2: { label: 'Shut down', cls: 'badge-muted' },
  3: { label: 'Testing', cls: 'badge-warn' },
};

function StatusBadge({ value, names }: { value: number | undefined; names: Record<number, { label: string; cls: string }> }) {
  if (value === undefined) return <>—</>;
  const n = names[value];
  return <span className={`badge ${n?.cls ?? 'badge-muted'}`}>{n?.label ?? `State ${value}`}</span>;
}

/** "42 % / 3.1 %", or — for a port that is down or has no known speed. */
function utilisationText(row: InterfaceRow): string {
  const u = shownUtilisation(row);
  if (u.inUtil === undefined && u.outUtil === undefined) return '—';
  return `${u.inUtil === undefined ? '—' : formatPct(u.inUtil)} / ${u.outUtil === undefined ? '—' : formatPct(u.outUtil)}`;
}

function SortHeader({ k, label, sort, onSort, num }: { k: InterfaceSortKey; label: string; sort: InterfaceSort; onSort(k: InterfaceSortKey): void; num?: boolean }) {
  const active = sort.key === k;
  return (
    <th scope="col" className={num ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="th-sort" onClick={() => onSort(k)}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/** Every interface with its latest figures: filter by name or alias, sort by any column, graph any. */
export function InterfaceTable({ rows, graphed, onToggleGraph, canGraphMore }: { rows: InterfaceRow[]; graphed: string[]; onToggleGraph(name: string): void; canGraphMore: boolean }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<InterfaceSort>({ key: 'name', dir: 'asc' });
  const shown = useMemo(() => sortInterfaces(filterInterfaces(rows, query), sort), [rows, query, sort]);
  const onSort = (k: InterfaceSortKey) => setSort((s) => nextSort(s, k));
  const up = rows.filter((r) => r.oper === 1).length;

  return (
    <section className="card card-compact" aria-labelledby="if-title">
      <div className="card-header">
        <h3 id="if-title" className="card-title">
          Interfaces
        </h3>
        <span className="muted">
          {plural(rows.length, 'interface')}, {up} up{query ? ` · ${shown.length} shown` : ''}
        </span>
        <div className="toolbar-spacer" />
        <div className="if-tools">
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Filter by name or alias" aria-label="Filter interfaces" />
        </div>
      </div>
      <div className="card-table table-wrap-plain">
        <table className="table" aria-label="Interfaces">
          <thead>
            <tr>
              <SortHeader k="name" label="Interface" sort={sort} onSort={onSort} />
              <SortHeader k="oper" label="Status" sort={sort} onSort={onSort} />
              <SortHeader k="admin" label="Admin" sort={sort} onSort={onSort} />
              <SortHeader k="alias" label="Alias" sort={sort} onSort={onSort} />
              <SortHeader k="speed" label="Speed" sort={sort} onSort={onSort} num />
              <SortHeader k="in" label="In" sort={sort} onSort={onSort} num />
              <SortHeader k="out" label="Out" sort={sort} onSort={onSort} num />
              <SortHeader k="util" label="Utilisation in/out" sort={sort} onSort={onSort} num />
              <SortHeader k="errors" label="Errors in/out" sort={sort} onSort={onSort} num />
              <th scope="col">Updated</th>
              <th scope="col">Graph</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={11} className="cell-muted">
                  No interface matches “{query}”.
                </td>
              </tr>
            ) : null}
            {shown.map((row) => {
              const on = graphed.includes(row.name);
              return (
                <tr key={row.name}>
                  <td className="cell-strong">{row.name}</td>
                  <td>
                    <StatusBadge value={row.oper} names={OPER} />
                  </td>
                  <td>
                    <StatusBadge value={row.admin} names={ADMIN} />
                  </td>
                  <td className="cell-muted">{row.alias ?? '—'}</td>
                  <td className="num">{row.speedBps ? formatBps(row.speedBps) : '—'}</td>
                  <td className="num">{formatBps(row.inBps)}</td>
                  <td className="num">{formatBps(row.outBps)}</td>
                  <td className="num">{utilisationText(row)}</td>
                  <td className="num">{row.inErr !== undefined || row.outErr !== undefined ? `${(row.inErr ?? 0).toFixed(1)} / ${(row.outErr ?? 0).toFixed(1)} /s` : '—'}</td>
                  <td className="cell-muted">{formatAgo(row.lastTs)}</td>
                  <td>
                    <button type="button" className={`btn btn-small${on ? ' btn-primary' : ''}`} aria-pressed={on} title={on ? 'Graphed: click to remove the graph' : 'Add a graph'} disabled={!on && !canGraphMore} onClick={() => onToggleGraph(row.name)}>
                      Graph
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
