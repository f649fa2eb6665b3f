-- warta schema 053 (issue 11): failed logins, so the login rate limits
-- hold for the whole site, whichever node (or process) a login reaches.
-- Rows older than the limit's window are deleted as new ones come.
CREATE TABLE login_failures (
  key TEXT NOT NULL,  -- "account:EMAIL" or "ip:ADDRESS"
  at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
