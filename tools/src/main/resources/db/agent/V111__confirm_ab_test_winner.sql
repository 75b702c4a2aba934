-- A Confirm card may pick the winner of an A/B test (the variant is named in the card's note).
ALTER TABLE agent_confirmation DROP CONSTRAINT ck_agent_confirmation_kind;
ALTER TABLE agent_confirmation ADD CONSTRAINT ck_agent_confirmation_kind
    CHECK (kind IN ('SCHEDULE', 'RESUME', 'APPROVE', 'CANCEL', 'REJECT', 'DELETE_CONTACTS', 'CHOOSE_WINNER'));
