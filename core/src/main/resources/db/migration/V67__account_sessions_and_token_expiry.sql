-- Accounts that can be switched off. credentials_version goes up when a user is disabled, changes role or
-- password; every console session carries the version it signed in with and ends on its next request once
-- they differ (kept here, not in one instance's memory, so it holds on every instance).
ALTER TABLE app_user ADD COLUMN credentials_version BIGINT DEFAULT 0 NOT NULL;

-- An API token belongs to a person, its owner (who it was made for; until now always its creator): it acts as
-- that person with their role at the time of each request, and stops when they are disabled or deleted.
ALTER TABLE api_token ADD COLUMN owner_id BIGINT;
ALTER TABLE api_token ADD CONSTRAINT fk_api_token_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE SET NULL;
UPDATE api_token SET owner_id = created_by;
-- A MARKETER token made by an admin would now act as that admin: revoke it rather than widen it silently
-- (the console lists it as revoked; make a new one owned by a marketer).
UPDATE api_token SET revoked_at = CURRENT_TIMESTAMP
WHERE revoked_at IS NULL AND role = 'MARKETER' AND owner_id IN (SELECT id FROM app_user WHERE role = 'ADMIN');

-- API tokens expire. Tokens made before expiry existed get the default 90 days from now, so no integration
-- breaks on the upgrade without notice in the console.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
UPDATE api_token SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE expires_at IS NULL;
ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL;
