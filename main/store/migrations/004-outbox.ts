/**
 * Schema 4: the durable outbox. Everything that must reach a peer (notifications, metric pushes,
 * uploads to the central side, hosts pushed to Zabbix) is written here in the same transaction as
 * the change that caused it, then delivered by a worker that retries with backoff.
 */
export default `
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  topic           TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  delivered_at    INTEGER,
  UNIQUE (topic, idempotency_key)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
`;
