/**
 * Schema 19: where a user dragged each node of the Map page (main/topology/). The key is the
 * node's (a device id, `nb:<chassis>` for an unmonitored neighbour, `host:<mac>`), so a neighbour
 * keeps its place across reads; a deleted device's row is dropped by the topology service.
 */
export default `
CREATE TABLE map_positions (
  node_key   TEXT PRIMARY KEY,
  x          REAL NOT NULL,
  y          REAL NOT NULL,
  updated_at INTEGER NOT NULL
);
`;
