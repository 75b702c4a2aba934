-- Failed console sign-ins, shared by every instance. throttle_key is a SHA-256 of either
-- "account-address:<account>|<address>" or "address:<address>", so what strangers type is not stored as such.
-- A row whose last failure is older than the longest wait counts as forgiven and is deleted on the next failure.
CREATE TABLE login_failure (
    throttle_key     VARCHAR(64) NOT NULL PRIMARY KEY,
    failures         INTEGER     NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_login_failure_last ON login_failure (last_failure_at);
