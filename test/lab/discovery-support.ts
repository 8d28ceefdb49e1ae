/** Shared by the discovery lab tests and the benchmark: the lab's hosts, TCP listeners, waiting for events. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineEvent } from '../../main/api/events.ts';
import type { Lab } from './create-lab.ts';
import type { LabHostSpec } from './lab-spec.ts';

const LISTENER = fileURLToPath(new URL('./discovery-tcp-listener.ts', import.meta.url));

/** The lab's hosts and what discovery must make of them. */
export const DISCOVERY_HOSTS: LabHostSpec[] = [
  {
    name: 'router',
    octet: 10,
    snmp: {
      sysDescr: 'Cisco IOS Software, C3900 Software (C3900-UNIVERSALK9-M), Version 15.2(4)M6, RELEASE SOFTWARE (fc2)',
      sysObjectID: '1.3.6.1.4.1.9.1.1042',
      sysName: 'core-rtr1',
      sysServices: 6,
      sysLocation: 'Server room',
      sysContact: 'noc@example.net',
    },
  },
  {
    name: 'switch',
    octet: 11,
    snmp: {
      sysDescr: 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE7, RELEASE SOFTWARE (fc1)',
      sysObjectID: '1.3.6.1.4.1.9.1.716',
      sysName: 'access-sw1',
      sysServices: 2,
    },
  },
  {
    name: 'linux',
    octet: 12,
    snmp: { sysDescr: 'Linux web01 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysName: 'web01', sysServices: 72 },
  },
  {
    name: 'windows',
    octet: 13,
    snmp: {
      sysDescr: 'Hardware: Intel64 Family 6 Model 85 Stepping 7 AT/AT COMPATIBLE - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)',
      sysObjectID: '1.3.6.1.4.1.311.1.1.3.1.2',
      sysName: 'DC01',
      sysServices: 76,
    },
  },
  {
    name: 'printer',
    octet: 14,
    snmp: { sysDescr: 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900010', sysObjectID: '1.3.6.1.4.1.11.2.3.9.1', sysName: 'NPI8C1D2E', sysServices: 72 },
  },
  { name: 'pingonly', octet: 15 },
  { name: 'tcponly', octet: 16 },
  {
    name: 'v3only',
    octet: 17,
    snmp: {
      v3Only: true,
      sysDescr: 'Linux nas01 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64',
      sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
      sysName: 'nas01',
      sysServices: 72,
      users: [{ name: 'wardadmin', level: 'authPriv' as const, authProtocol: 'SHA' as const, authKey: 'auth-secret-1', privProtocol: 'AES' as const, privKey: 'priv-secret-1' }],
    },
  },
];

/** Waits for the first event `pick` returns a value for, with a deadline. */
export function waitForEvent<T>(engine: { events: { subscribe(l: (e: EngineEvent) => void): () => void } }, pick: (e: EngineEvent) => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = engine.events.subscribe((e) => {
      const v = pick(e);
      if (v === undefined) return;
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}

/** Starts TCP listeners (`ADDRESS:PORT`) inside the lab namespace and waits for their "ready" line. */
export async function startListeners(lab: Lab, endpoints: string[]): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', lab.labNamespace, process.execPath, LISTENER, ...endpoints], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listeners not ready after 10 s: ${err}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`listeners exited ${code}: ${err}`));
    });
  });
  return child;
}

