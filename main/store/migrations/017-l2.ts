/**
 * Schema 17: layer 2 (main/l2/). The latest L2 snapshot of each device (neighbours, forwarding
 * table, VLANs, ARP table: one JSON document, api/l2.ts L2Snapshot), replaced on every read, and
 * two lookup tables rewritten with it so "where is this MAC/IP plugged in" does not parse every
 * snapshot: l2_fdb (MAC → device, port, VLAN) and l2_arp (IP → MAC). A device's rows go with it.
 */
export default `
CREATE TABLE l2_snapshots (
  device_id TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  address   TEXT NOT NULL,
  read_at   INTEGER NOT NULL,
  data      TEXT NOT NULL CHECK (json_valid(data))
);

CREATE TABLE l2_fdb (
  device_id   TEXT NOT NULL REFERENCES l2_snapshots(device_id) ON DELETE CASCADE,
  mac         TEXT NOT NULL,
  vlan        INTEGER,
  if_index    INTEGER,
  bridge_port INTEGER,
  port_name   TEXT NOT NULL,
  status      TEXT NOT NULL
);
CREATE INDEX l2_fdb_by_mac ON l2_fdb (mac);
CREATE INDEX l2_fdb_by_device ON l2_fdb (device_id);

CREATE TABLE l2_arp (
  device_id TEXT NOT NULL REFERENCES l2_snapshots(device_id) ON DELETE CASCADE,
  ip        TEXT NOT NULL,
  mac       TEXT NOT NULL
);
CREATE INDEX l2_arp_by_ip ON l2_arp (ip);
CREATE INDEX l2_arp_by_mac ON l2_arp (mac);
CREATE INDEX l2_arp_by_device ON l2_arp (device_id);
`;
