-- Accounts that can be switched off. credentials_version goes up when a user is disabled, changes role or
-- password; every console session carries the version it signed in with and ends on its next request once
-- they differ (kept here, not in one instance's memory, so it holds on every instance).
ALTER TABLE app_user ADD COLUMN credentials_version BIGINT DEFAULT 0 NOT NULL;

-- API tokens expire. Tokens made before expiry existed get the default 90 days from now, so no integration
-- breaks on the upgrade without notice in the console.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
UPDATE api_token SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE expires_at IS NULL;
ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL;
