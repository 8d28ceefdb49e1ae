import { useEffect, useState } from 'react';
import type { L2Neighbor, WhereisResult } from '../../main/api/l2.ts';
import { client } from '../client/create-client.ts';

interface Answer {
  best: WhereisResult['best'];
  seenOnUplinks: number;
  neighbors: L2Neighbor[];
}

/** "Where is it plugged in": the switch port the device's MAC was learned on (l2.whereis by its address), else the neighbours its own LLDP/CDP table names. */
export function usePluggedIn(deviceId: string, address: string): Answer | undefined {
  const [answer, setAnswer] = useState<Answer>();
  useEffect(() => {
    let live = true;
    void Promise.all([client.call('l2.whereis', { query: address }), client.call('l2.neighbors', { deviceId })]).then(([w, n]) => {
      if (!live) return;
      setAnswer({
        best: w.ok ? w.data.best : null,
        seenOnUplinks: w.ok ? w.data.candidates.length : 0,
        neighbors: n.ok ? n.data.flatMap((d) => d.rows).filter((r) => r.capabilities.some((c) => c === 'bridge' || c === 'router')) : [],
      });
    });
    return () => {
      live = false;
    };
  }, [deviceId, address]);
  return answer;
}

/** One row of the device page's identity list: "connected to core-sw1 Gi1/0/12, VLAN 20". */
export function PluggedInRow({ deviceId, address }: { deviceId: string; address: string }) {
  const a = usePluggedIn(deviceId, address);
  let text: string;
  if (!a) text = '…';
  else if (a.best) text = `connected to ${a.best.deviceName} ${a.best.port.name}${a.best.vlan === null ? '' : `, VLAN ${a.best.vlan}`}`;
  else if (a.neighbors.length > 0) text = a.neighbors.map((n) => `${n.localPort.name} to ${n.sysName ?? n.chassisId ?? '?'}${n.portId ? ` ${n.portId}` : ''}`).join('; ');
  else if (a.seenOnUplinks > 0) text = 'seen only on uplinks (its switch is not monitored)';
  else text = '—';
  return (
    <div>
      <dt>Plugged in</dt>
      <dd className="plugged-in-line" data-testid="plugged-in">
        {text}
      </dd>
    </div>
  );
}

/** A scanned host's switch port: l2.whereis by its MAC (else its address) over the monitored switches' forwarding tables. */
export function WhereisRow({ mac, address }: { mac: string | null; address: string }) {
  const [text, setText] = useState('…');
  useEffect(() => {
    let live = true;
    void client.call('l2.whereis', { query: mac ?? address }).then((r) => {
      if (!live) return;
      if (!r.ok) setText('—');
      else if (r.data.best) setText(`connected to ${r.data.best.deviceName} ${r.data.best.port.name}${r.data.best.vlan === null ? '' : `, VLAN ${r.data.best.vlan}`}`);
      else setText(r.data.candidates.length > 0 ? 'seen only on uplinks (its switch is not monitored)' : '—');
    });
    return () => {
      live = false;
    };
  }, [mac, address]);
  return (
    <div>
      <dt>Plugged in</dt>
      <dd data-testid="plugged-in">{text}</dd>
    </div>
  );
}
