/**
 * The engine's own device, "WARD FLUX": the device its self-metrics (main/self-metrics/) are
 * series of, so they graph, alert and sync like any other device's. It has a fixed id (the same in
 * every database, so synced and exported series of two engines line up), an address that is a
 * name only (it is never polled over the network: the pollers' target list leaves it out), and it
 * cannot be deleted, disabled, re-addressed or given credentials. Name, tags and notes may change.
 */
import { VERSION } from '../version.ts';

export const ENGINE_DEVICE_ID = 'f1a0e5e1-f000-4000-8000-000000000001';
/** A name in the special-use `.internal` domain: shown as the address, never looked up. */
export const ENGINE_DEVICE_ADDRESS = 'wardflux.internal';
export const ENGINE_DEVICE_NAME = 'WARD FLUX';

export const isEngineDevice = (id: string): boolean => id === ENGINE_DEVICE_ID;

/** What the engine device is (written as its identity at every start: the version may have changed). */
export function engineIdentity() {
  return {
    type: 'appliance' as const,
    vendor: 'WARD FLUX',
    model: `WARD FLUX ${VERSION}`,
    os: `Node.js ${process.versions.node}`,
    osVersion: null,
    sysName: null,
    firmware: VERSION,
  };
}
