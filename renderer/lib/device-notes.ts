/**
 * What the Devices list shows of a device's notes. "Add to monitoring" writes
 * "Added from discovery job <uuid> (router, Cisco, ISR4331)." into every device it adds: the id
 * says nothing to a technician and makes every row look alike, so the list says where the device
 * came from and what the scan found, and leaves the id to the device page's full notes.
 */
const DISCOVERY_JOB = /\bAdded from discovery job [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function noteExcerpt(notes: string, max = 80): string {
  const line = notes.replace(DISCOVERY_JOB, 'Added from discovery').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
