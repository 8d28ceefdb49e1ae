import type { ReactNode } from 'react';
import type { DeviceType } from '../../main/api/discovery.ts';
import { TYPE_LABELS, typeTone } from '../lib/discovery.ts';

/** Small line icons, one per device type (14 px, currentColor). */
const PATHS: Record<DeviceType, ReactNode> = {
  router: (
    <>
      <circle cx="12" cy="12" r="8" />
      <path d="M9 9l-2-2m0 0v2.5M7 7h2.5M15 15l2 2m0 0v-2.5m0 2.5h-2.5M15 9l2-2m0 0h-2.5M17 7v2.5M9 15l-2 2m0 0h2.5M7 17v-2.5" />
    </>
  ),
  switch: (
    <>
      <rect x="3" y="7" width="18" height="10" rx="2" />
      <path d="M7 12h10M14 10l3 2-3 2M10 10l-3 2 3 2" />
    </>
  ),
  'l3-switch': (
    <>
      <rect x="3" y="7" width="18" height="10" rx="2" />
      <path d="M7 12h10M14 10l3 2-3 2M10 10l-3 2 3 2M12 4v3" />
    </>
  ),
  firewall: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="1.5" />
      <path d="M3 9.7h18M3 14.3h18M9 5v4.7M15 5v4.7M12 9.7v4.6M7 14.3V19M17 14.3V19" />
    </>
  ),
  'wireless-ap': <path d="M5 10a10 10 0 0 1 14 0M8 13.5a5.5 5.5 0 0 1 8 0M12 17h.01" />,
  'wireless-controller': (
    <>
      <path d="M6 8a9 9 0 0 1 12 0M9 11a4.5 4.5 0 0 1 6 0" />
      <rect x="4" y="15" width="16" height="5" rx="1.5" />
    </>
  ),
  server: (
    <>
      <rect x="4" y="3.5" width="16" height="7" rx="1.5" />
      <rect x="4" y="13.5" width="16" height="7" rx="1.5" />
      <path d="M8 7h.01M8 17h.01" />
    </>
  ),
  workstation: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="1.5" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  printer: (
    <>
      <path d="M7 9V3h10v6" />
      <rect x="3" y="9" width="18" height="8" rx="1.5" />
      <path d="M7 14h10v7H7z" />
    </>
  ),
  ups: (
    <>
      <rect x="3" y="7" width="16" height="10" rx="1.5" />
      <path d="M21 10.5v3M11.5 9l-2 3h3l-2 3" />
    </>
  ),
  storage: (
    <>
      <ellipse cx="12" cy="6" rx="8" ry="3" />
      <path d="M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3" />
    </>
  ),
  'ip-phone': <path d="M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z" />,
  camera: (
    <>
      <rect x="3" y="7" width="13" height="10" rx="2" />
      <path d="M16 10.5l5-3v9l-5-3" />
    </>
  ),
  hypervisor: (
    <>
      <path d="M12 3l9 4.5-9 4.5-9-4.5z" />
      <path d="M3 12l9 4.5 9-4.5M3 16.5L12 21l9-4.5" />
    </>
  ),
  // A mains plug: what a PDU hands out.
  pdu: <path d="M9 2.5V7M15 2.5V7M6 7h12v3.5a6 6 0 0 1-12 0zM12 16.5v5" />,
  // A thermometer.
  sensor: (
    <>
      <path d="M10 14.3V5a2 2 0 0 1 4 0v9.3a4 4 0 1 1-4 0z" />
      <path d="M12 9v8.5" />
    </>
  ),
  // One front spreading to three back ends.
  'load-balancer': (
    <>
      <rect x="2.5" y="9" width="6" height="6" rx="1.5" />
      <path d="M8.5 12h12M8.5 10.5L13 5.5h7.5M8.5 13.5l4.5 5h7.5" />
    </>
  ),
  // A handset over a box with its phone ports.
  'voip-gateway': (
    <>
      <path d="M4 9.5C4 6.5 7.6 4 12 4s8 2.5 8 5.5l-3 1-1.5-2.5h-7L7 10.5z" />
      <rect x="4" y="14" width="16" height="6.5" rx="1.5" />
      <path d="M8 17.25h.01M12 17.25h.01M16 17.25h.01" />
    </>
  ),
  // A tower with two drive bays and a power light.
  nas: (
    <>
      <rect x="5" y="2.5" width="14" height="19" rx="2" />
      <path d="M8.5 7h7M8.5 11h7M12 17h.01" />
    </>
  ),
  // A chip: a dedicated controller (management board, KVM, console or time server).
  appliance: (
    <>
      <rect x="6" y="6" width="12" height="12" rx="1.5" />
      <rect x="9.5" y="9.5" width="5" height="5" rx="0.5" />
      <path d="M9.5 2.5V6M14.5 2.5V6M9.5 18v3.5M14.5 18v3.5M2.5 9.5H6M2.5 14.5H6M18 9.5h3.5M18 14.5h3.5" />
    </>
  ),
  unknown: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01" />
    </>
  ),
};

export function DeviceTypeIcon({ type }: { type: DeviceType }) {
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {PATHS[type]}
    </svg>
  );
}

/** A device type in words with its icon, coloured by family (network, compute, endpoint). */
export function DeviceTypeBadge({ type }: { type: DeviceType }) {
  return (
    <span className={`badge type-badge type-${typeTone(type)}`}>
      <DeviceTypeIcon type={type} />
      {TYPE_LABELS[type]}
    </span>
  );
}
