-- A Confirm card may start a journey built in chat: the card's row keeps the journey as it was shown (target, JSON);
-- pressing Confirm creates exactly that.
-- CHOOSE_WINNER came with V111 (A/B tests); every kind is listed again here.
ALTER TABLE agent_confirmation DROP CONSTRAINT ck_agent_confirmation_kind;
ALTER TABLE agent_confirmation ADD CONSTRAINT ck_agent_confirmation_kind
    CHECK (kind IN ('SCHEDULE', 'RESUME', 'APPROVE', 'CANCEL', 'REJECT', 'DELETE_CONTACTS', 'CHOOSE_WINNER', 'CREATE_JOURNEY'));
