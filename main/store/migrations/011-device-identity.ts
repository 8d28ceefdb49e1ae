/**
 * Schema 11: device identity. What a device is (type, vendor, model, OS and version) and what its
 * SNMP system group says (sysName, sysLocation, sysObjectID), filled by the engine: "add to
 * monitoring" copies a discovery host's classification, and the SNMP poller refreshes it from the
 * system group. Output-only: device create / update never write these columns.
 */
export default `
ALTER TABLE devices ADD COLUMN device_type TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE devices ADD COLUMN vendor TEXT;
ALTER TABLE devices ADD COLUMN model TEXT;
ALTER TABLE devices ADD COLUMN os TEXT;
ALTER TABLE devices ADD COLUMN os_version TEXT;
ALTER TABLE devices ADD COLUMN sys_name TEXT;
ALTER TABLE devices ADD COLUMN sys_location TEXT;
ALTER TABLE devices ADD COLUMN sys_object_id TEXT;
ALTER TABLE devices ADD COLUMN identity_updated_at INTEGER;

CREATE INDEX devices_type ON devices (device_type);
CREATE INDEX devices_vendor ON devices (vendor COLLATE NOCASE);
`;
