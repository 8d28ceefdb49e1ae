import { memo, useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { DeviceStatus } from '../../main/api/devices.ts';
import type { TopologyLink, TopologyNode } from '../../main/api/topology.ts';
import { Banner } from '../components/banner.tsx';
import { DeviceTypeIcon } from '../components/device-type-badge.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { TYPE_LABELS } from '../lib/discovery.ts';
import { plural } from '../lib/format.ts';
import { saveBlob, standaloneSvg, svgToPng } from '../lib/map-files.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useDiscoveryStore } from '../stores/discovery-store.ts';
import { useMapStore } from '../stores/map-store.ts';
import { useNavStore } from '../stores/nav-store.ts';

/** The engine's node box (main/topology/map-style.ts), so the page and the exported files agree. */
const NODE_W = 150;
const NODE_H = 46;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 3;

interface View {
  x: number;
  y: number;
  k: number;
}

type Status = DeviceStatus | 'none';

function boundsOf(nodes: readonly TopologyNode[], margin = 40) {
  if (nodes.length === 0) return { minX: 0, minY: 0, width: NODE_W + 2 * margin, height: NODE_H + 2 * margin };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.x - NODE_W / 2);
    minY = Math.min(minY, n.y - NODE_H / 2);
    maxX = Math.max(maxX, n.x + NODE_W / 2);
    maxY = Math.max(maxY, n.y + NODE_H / 2);
  }
  return { minX: minX - margin, minY: minY - margin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin };
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const MapNode = memo(function MapNode({ node, status, onPointerDown }: { node: TopologyNode; status: Status; onPointerDown(e: ReactPointerEvent, key: string): void }) {
  const sub = [TYPE_LABELS[node.type], node.address ?? node.mac].filter(Boolean).join(' · ');
  return (
    <g className={`map-node map-status-${status}${node.kind === 'device' ? '' : ' map-node-other'}`} transform={`translate(${node.x - NODE_W / 2},${node.y - NODE_H / 2})`} onPointerDown={(e) => onPointerDown(e, node.key)} data-key={node.key}>
      <title>{`${node.name} (${sub})${status === 'none' ? '' : `: ${status}`}`}</title>
      <rect width={NODE_W} height={NODE_H} rx={8} className="map-node-box" />
      <circle cx={12} cy={15} r={4} className="map-node-dot" />
      <g transform="translate(21,8)" className="map-node-icon">
        <DeviceTypeIcon type={node.type} />
      </g>
      <text x={39} y={19} className="map-node-name">
        {truncate(node.name, 15)}
      </text>
      <text x={10} y={36} className="map-node-sub">
        {truncate(sub, 27)}
      </text>
    </g>
  );
});

/** Cisco-style long port names shortened for the label (the engine's map-style.ts shortPort; the title keeps the full name). */
const SHORT_PORTS: Array<[RegExp, string]> = [
  [/^HundredGig(abit)?E(thernet)?/i, 'Hu'],
  [/^FortyGig(abit)?E(thernet)?/i, 'Fo'],
  [/^TwentyFiveGig(abit)?E(thernet)?/i, 'Twe'],
  [/^TenGig(abit)?E(thernet)?/i, 'Te'],
  [/^GigabitEthernet/i, 'Gi'],
  [/^FastEthernet/i, 'Fa'],
  [/^Port-channel/i, 'Po'],
  [/^Ethernet(?=\d)/i, 'Eth'],
];
const shortPort = (name: string) => {
  for (const [re, short] of SHORT_PORTS) if (re.test(name)) return name.replace(re, short);
  return name;
};

function PortLabel({ text, x, y }: { text: string; x: number; y: number }) {
  const label = truncate(shortPort(text), 18);
  const w = label.length * 5.2 + 6;
  return (
    <>
      <rect x={x - w / 2} y={y - 9} width={w} height={12} rx={2} className="map-port-plate" />
      <text x={x} y={y} className="map-port">
        {label}
      </text>
    </>
  );
}

const MapLink = memo(function MapLink({ link, a, b }: { link: TopologyLink; a: TopologyNode; b: TopologyNode }) {
  // Just outside the box on the line (12 px past its edge), as the engine's SVG has it (main/topology/export-svg.ts labelPoint).
  const at = (from: TopologyNode, to: TopologyNode) => {
    const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    const ux = (to.x - from.x) / len;
    const uy = (to.y - from.y) / len;
    const edge = Math.min(ux === 0 ? Infinity : NODE_W / 2 / Math.abs(ux), uy === 0 ? Infinity : NODE_H / 2 / Math.abs(uy));
    const d = Math.min(edge + 12, len * 0.45);
    return { x: from.x + ux * d, y: from.y + uy * d + 3 };
  };
  const hostLink = link.b.port === null && link.a.port !== null;
  return (
    <g className={`map-link${link.source === 'fdb' ? ' map-link-inferred' : ''}`}>
      <title>{`${a.name} ${link.a.port ?? '?'} – ${b.name} ${link.b.port ?? '?'} (${link.source === 'fdb' ? 'from forwarding tables' : link.source.toUpperCase()}${link.vlan === null ? '' : `, VLAN ${link.vlan}`})`}</title>
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
      {hostLink ? <PortLabel text={link.a.port!} {...at(b, a)} /> : null}
      {!hostLink && link.a.port !== null ? <PortLabel text={link.a.port} {...at(a, b)} /> : null}
      {!hostLink && link.b.port !== null ? <PortLabel text={link.b.port} {...at(b, a)} /> : null}
    </g>
  );
});

/** The site map: devices and their neighbours as the switches' LLDP/CDP and forwarding tables cable them. */
export function MapPage() {
  const { topology, loading, error, problem, load, move, save, resetLayout, exportFile, jobId, setSource } = useMapStore();
  const jobs = useDiscoveryStore((s) => s.jobs);
  const loadJobs = useDiscoveryStore((s) => s.loadJobs);
  const devices = useDevicesStore((s) => s.items);
  const navigate = useNavStore((s) => s.navigate);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const view = useRef<View>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ kind: 'pan' | 'node'; key?: string; startX: number; startY: number; origin: { x: number; y: number }; moved: boolean } | null>(null);
  const [exportProblem, setExportProblem] = useState<string>();

  useEffect(() => {
    void load();
    void loadJobs();
  }, [load, loadJobs]);

  // Live status: the devices store follows device events; the map's own statuses are the load's.
  const liveStatus = useMemo(() => new Map(devices.map((d) => [d.id, d.enabled ? d.status : 'unknown'] as const)), [devices]);
  const byKey = useMemo(() => new Map((topology?.nodes ?? []).map((n) => [n.key, n])), [topology]);

  const apply = useCallback(() => {
    const v = view.current;
    viewportRef.current?.setAttribute('transform', `translate(${v.x},${v.y}) scale(${v.k})`);
  }, []);

  const fit = useCallback(() => {
    const svg = svgRef.current;
    if (!svg || !topology) return;
    const b = boundsOf(topology.nodes);
    const w = svg.clientWidth || 800;
    const h = svg.clientHeight || 600;
    const k = Math.max(MIN_ZOOM, Math.min(1.2, w / b.width, h / b.height));
    view.current = { k, x: (w - b.width * k) / 2 - b.minX * k, y: (h - b.height * k) / 2 - b.minY * k };
    apply();
  }, [topology, apply]);

  // Fit once per map shown (the monitored devices, or a scan).
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    const source = jobId ?? '';
    if (topology && fitted.current !== source) {
      fitted.current = source;
      fit();
    }
  }, [topology, fit, jobId]);

  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => {
      const v = view.current;
      const k = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, v.k * factor));
      view.current = { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
      apply();
    },
    [apply],
  );

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [zoomAt, topology]);

  const onNodeDown = useCallback((e: ReactPointerEvent, key: string) => {
    e.stopPropagation();
    const n = useMapStore.getState().topology?.nodes.find((x) => x.key === key);
    if (!n) return;
    svgRef.current?.setPointerCapture(e.pointerId);
    drag.current = { kind: 'node', key, startX: e.clientX, startY: e.clientY, origin: { x: n.x, y: n.y }, moved: false };
  }, []);

  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    svgRef.current?.setPointerCapture(e.pointerId);
    drag.current = { kind: 'pan', startX: e.clientX, startY: e.clientY, origin: { x: view.current.x, y: view.current.y }, moved: false };
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.startX;
    const dy = e.clientY - d.startY;
    if (!d.moved && Math.hypot(dx, dy) < 3) return;
    d.moved = true;
    if (d.kind === 'pan') {
      view.current = { ...view.current, x: d.origin.x + dx, y: d.origin.y + dy };
      apply();
    } else if (d.key) {
      move(d.key, d.origin.x + dx / view.current.k, d.origin.y + dy / view.current.k);
    }
  };
  const onUp = () => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.kind !== 'node' || !d.key) return;
    if (d.moved) void save(d.key);
    else {
      const n = useMapStore.getState().topology?.nodes.find((x) => x.key === d.key);
      if (n?.deviceId) navigate('devices', n.deviceId);
    }
  };

  const download = async (format: 'svg' | 'png' | 'drawio' | 'dot') => {
    setExportProblem(undefined);
    const day = new Date().toISOString().slice(0, 10);
    try {
      if (format === 'svg' || format === 'png') {
        const svg = svgRef.current;
        if (!svg || !topology) return;
        const b = boundsOf(topology.nodes);
        const text = standaloneSvg(svg, b);
        if (format === 'svg') saveBlob(`wardflux-map-${day}.svg`, new Blob([text], { type: 'image/svg+xml' }));
        else saveBlob(`wardflux-map-${day}.png`, await svgToPng(text, b.width, b.height));
        return;
      }
      const f = await exportFile(format);
      if (f) saveBlob(f.fileName, new Blob([f.text], { type: f.mime }));
    } catch (err) {
      setExportProblem(`The map could not be exported: ${(err as Error).message}`);
    }
  };


  const finished = jobs.filter((j) => j.status === 'finished');
  const picker = (
    <label className="map-source">
      <span className="visually-hidden">Map of</span>
      <select className="select-auto" value={jobId ?? ''} onChange={(e) => void setSource(e.target.value || undefined)}>
        <option value="">Monitored devices</option>
        {finished.map((j) => (
          <option key={j.id} value={j.id}>
            {`Scan of ${j.options.targets.join(', ')} (${new Date(j.createdAt).toLocaleString()})`}
          </option>
        ))}
      </select>
    </label>
  );
  if (error)
    return (
      <div className="map-page">
        <div className="toolbar map-toolbar">{picker}</div>
        <Banner tone="error">{error}</Banner>
      </div>
    );
  if (!topology)
    return (
      <div className="map-page">
        <div className="toolbar map-toolbar">{picker}</div>
        <p className="muted">{loading ? 'Loading the map…' : ''}</p>
      </div>
    );

  const counts = { devices: topology.nodes.filter((n) => n.kind === 'device').length, others: topology.nodes.filter((n) => n.kind !== 'device').length };
  const what = jobId ? 'host' : 'device';
  return (
    <div className="map-page">
      <div className="toolbar map-toolbar">
        {picker}
        <span className="muted" data-testid="map-summary">
          {plural(counts.devices, what)}
          {counts.others > 0 ? `, ${plural(counts.others, 'neighbour')} ${jobId ? 'not found by the scan' : 'not monitored'}` : ''}, {plural(topology.links.length, 'link')}
          {topology.unplaced > 0 ? ` · ${plural(topology.unplaced, what)} with no L2 link not drawn` : ''}
        </span>
        <div className="toolbar-spacer" />
        <div className="map-btn-group" role="group" aria-label="Zoom">
          <button type="button" className="btn btn-small" aria-label="Zoom in" onClick={() => zoomAt(1.25, (svgRef.current?.clientWidth ?? 0) / 2, (svgRef.current?.clientHeight ?? 0) / 2)}>
            +
          </button>
          <button type="button" className="btn btn-small" aria-label="Zoom out" onClick={() => zoomAt(0.8, (svgRef.current?.clientWidth ?? 0) / 2, (svgRef.current?.clientHeight ?? 0) / 2)}>
            −
          </button>
          <button type="button" className="btn btn-small" onClick={fit}>
            Fit
          </button>
        </div>
        <button type="button" className="btn btn-small" onClick={() => void resetLayout()} disabled={!topology.nodes.some((n) => n.pinned)} title="Forget the positions nodes were dragged to">
          Reset layout
        </button>
        <div className="map-btn-group" role="group" aria-label="Export">
          {(['svg', 'png', 'drawio', 'dot'] as const).map((f) => (
            <button key={f} type="button" className="btn btn-small" onClick={() => void download(f)}>
              {f === 'drawio' ? 'draw.io' : f.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {problem || exportProblem ? <Banner tone="error">{problem ?? exportProblem}</Banner> : null}
      {topology.nodes.length === 0 ? (
        <EmptyState title="No map yet">
          The map is drawn from what switches and routers say about their neighbours and forwarding tables. Discover the site&apos;s switches with an SNMP credential, or add them to monitoring: their L2 tables are read every 15 minutes.
        </EmptyState>
      ) : (
        <div className="map-canvas">
          <svg ref={svgRef} className="map-svg" role="img" aria-label="Site map" onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp}>
            <g ref={viewportRef} data-viewport="">
              <g className="map-links">
                {topology.links.map((l) => {
                  const a = byKey.get(l.a.node);
                  const b = byKey.get(l.b.node);
                  return a && b ? <MapLink key={l.id} link={l} a={a} b={b} /> : null;
                })}
              </g>
              <g className="map-nodes">
                {topology.nodes.map((n) => (
                  <MapNode key={n.key} node={n} status={n.deviceId ? (liveStatus.get(n.deviceId) ?? n.status ?? 'unknown') : 'none'} onPointerDown={onNodeDown} />
                ))}
              </g>
            </g>
          </svg>
          <ul className="map-legend" aria-label="Legend">
            <li>
              <span className="map-legend-dot map-status-up" /> Up
            </li>
            <li>
              <span className="map-legend-dot map-status-degraded" /> Degraded
            </li>
            <li>
              <span className="map-legend-dot map-status-down" /> Down
            </li>
            <li>
              <span className="map-legend-line" /> LLDP/CDP
            </li>
            <li>
              <span className="map-legend-line map-legend-inferred" /> Forwarding tables
            </li>
          </ul>
        </div>
      )}
      {topology.notes.length > 0 ? (
        <details className="map-notes">
          <summary>{plural(topology.notes.length, 'note')} on the tables</summary>
          <ul>
            {topology.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
