import { unwrap } from '../api/dispatcher.ts';
import type { Device } from '../api/devices.ts';
import type { Engine } from '../engine.ts';
import { NotFoundError } from '../errors.ts';
import { type CliIo, formatTable, printJson } from './output.ts';

/** Finds a device by id or (case-insensitive) name. */
async function findDevice(engine: Engine, ref: string): Promise<Device> {
  const { items } = await unwrap(engine.api.call('devices.list', { limit: 50_000 }));
  const match = items.find((d) => d.id === ref) ?? items.find((d) => d.name.toLowerCase() === ref.toLowerCase());
  if (!match) throw new NotFoundError(`No device named or with id "${ref}". See "wardflux devices list".`);
  return match;
}

/** Finds credentials by id or name, keeping the order given. */
async function credentialIds(engine: Engine, refs: string[]): Promise<string[]> {
  if (!refs.length) return [];
  const all = await unwrap(engine.api.call('credentials.list', {}));
  return refs.map((ref) => {
    const c = all.find((x) => x.id === ref) ?? all.find((x) => x.name.toLowerCase() === ref.toLowerCase());
    if (!c) throw new NotFoundError(`No SNMP credential named or with id "${ref}".`);
    return c.id;
  });
}

export async function listDevices(engine: Engine, io: CliIo, opts: { json: boolean; search?: string; tag?: string }): Promise<void> {
  const input: { limit: number; search?: string; tag?: string } = { limit: 50_000 };
  if (opts.search) input.search = opts.search;
  if (opts.tag) input.tag = opts.tag;
  const { items } = await unwrap(engine.api.call('devices.list', input, { transport: 'cli' }));
  if (opts.json) return printJson(io, items);
  if (!items.length) return io.err('No devices yet. Add one with "wardflux devices add NAME ADDRESS".');
  io.out(formatTable(['NAME', 'ADDRESS', 'ENABLED', 'TAGS', 'ID'], items.map((d) => [d.name, d.address, d.enabled ? 'yes' : 'no', d.tags.join(','), d.id])));
}

export async function addDevice(
  engine: Engine,
  io: CliIo,
  opts: { name: string; address: string; tags: string[]; notes?: string; credentials: string[]; disabled: boolean; json: boolean },
): Promise<void> {
  const device = await unwrap(
    engine.api.call(
      'devices.create',
      { name: opts.name, address: opts.address, tags: opts.tags, notes: opts.notes ?? '', credentialIds: await credentialIds(engine, opts.credentials), enabled: !opts.disabled },
      { transport: 'cli' },
    ),
  );
  if (opts.json) return printJson(io, device);
  io.out(`Added ${device.name} (${device.address}), id ${device.id}`);
}

export async function removeDevice(engine: Engine, io: CliIo, opts: { ref: string; json: boolean }): Promise<void> {
  const device = await findDevice(engine, opts.ref);
  await unwrap(engine.api.call('devices.delete', { id: device.id }, { transport: 'cli' }));
  if (opts.json) return printJson(io, { id: device.id, name: device.name, removed: true });
  io.out(`Removed ${device.name} (${device.address})`);
}
