/**
 * Schema 15: inventory. A device's serial number, firmware (software) version and hardware
 * revision, as the ENTITY-MIB chassis row (or UPS-MIB) says: "add to monitoring" copies them from
 * the scan, the SNMP poller refreshes them; a read that learns less never erases them. Discovery
 * jobs record the cost of the SNMP evidence round that reads them (hosts, requests, wall time) as
 * JSON. (Discovery results are JSON documents: their new fields need no column.)
 */
export default `
ALTER TABLE devices ADD COLUMN serial TEXT;
ALTER TABLE devices ADD COLUMN firmware TEXT;
ALTER TABLE devices ADD COLUMN hardware_rev TEXT;

ALTER TABLE discovery_jobs ADD COLUMN evidence_stats TEXT;
`;
