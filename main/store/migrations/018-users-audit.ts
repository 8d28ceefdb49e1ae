/**
 * Schema 18: users, roles and the audit log (issue 20).
 * - users: who may sign in to the headless host or the central, with a role (api/roles.ts) and a
 *   scrypt hash of the password (`scrypt$N$r$p$salt$hash`, store/password-hash.ts); NULL until one
 *   is set. The built-in admin (id 'admin') is created here and cannot be removed: it signs in
 *   with the login secret `serve` prints, and with a password once one is set.
 * - api_tokens.user_id: a token acts for its user, with that user's role; tokens made before
 *   users existed belong to the built-in admin. A removed user's tokens go with it.
 * - audit_log: every state-changing and every refused call (who, procedure, ids, field names,
 *   outcome, transport, remote address), never a value; rows older than the retention go.
 * - central_uploads.user_id/user_name: the user whose token sent the upload (name kept as it
 *   was, should the user be removed later).
 */
export default `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'technician', 'manager', 'admin')),
  password_hash TEXT,
  builtin       INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);
INSERT INTO users (id, name, role, password_hash, builtin, created_at) VALUES ('admin', 'admin', 'admin', NULL, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));

ALTER TABLE api_tokens ADD COLUMN user_id TEXT REFERENCES users(id) ON DELETE CASCADE;
UPDATE api_tokens SET user_id = 'admin';

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  user_id    TEXT,
  user_name  TEXT NOT NULL,
  role       TEXT NOT NULL,
  procedure  TEXT NOT NULL,
  transport  TEXT NOT NULL,
  remote     TEXT,
  ids        TEXT NOT NULL CHECK (json_valid(ids)),
  fields     TEXT NOT NULL CHECK (json_valid(fields)),
  outcome    TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_user ON audit_log (user_name, at);

ALTER TABLE central_uploads ADD COLUMN user_id TEXT;
ALTER TABLE central_uploads ADD COLUMN user_name TEXT;
`;
