/**
 * Schema 14: the default packet-loss and latency rules, on the windowed ICMP series
 * (main/monitoring/loss-window.ts). Inserted once, like the rules of schema 6: a user may edit or
 * delete them and they are not re-created (migrations run once). A user rule that already has
 * one of these names is left alone (INSERT OR IGNORE on the unique name).
 * - Packet loss: over 10 % of the last 5 minutes' probes lost (recovers below 5 %), major. A 20 %
 *   lossy link fires it; one lost probe in a 5-minute window of 3-probe checks (3 %) does not.
 * - High latency: mean ping over the last 5 minutes above 200 ms (recovers below 150 ms), minor.
 */
const now = "CAST(strftime('%s', 'now') AS INTEGER) * 1000";
const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;
const rule = (id: string, name: string, description: string, severity: string, condition: object) =>
  `('${id}', ${sql(name)}, ${sql(description)}, 1, '${severity}', '{"type":"all"}', '${JSON.stringify(condition)}', '{"windowSec":900,"changes":6}', 1, ${now}, ${now})`;

export default `
INSERT OR IGNORE INTO alert_rules (id, name, description, enabled, severity, scope, condition, flap, builtin, created_at, updated_at) VALUES
  ${rule('00000000-0000-4000-8000-00000000a006', 'Packet loss', 'More than 10 % of ping probes lost over the last 5 minutes (recovers below 5 %)', 'major', { kind: 'threshold', metric: 'ping_loss_pct_5m', op: 'above', value: 10, recovery: 5, forSec: 0 })},
  ${rule('00000000-0000-4000-8000-00000000a007', 'High latency', 'Average ping above 200 ms over the last 5 minutes (recovers below 150 ms)', 'minor', { kind: 'threshold', metric: 'ping_rtt_ms_5m', op: 'above', value: 200, recovery: 150, forSec: 0 })};
`;
