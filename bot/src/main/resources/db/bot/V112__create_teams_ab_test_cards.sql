-- The A/B test results card of a campaign, per conversation it was posted in: updated in place as results come in.
CREATE TABLE teams_ab_test_card (
    campaign_id      BIGINT        NOT NULL,
    conversation_id  VARCHAR(500)  NOT NULL,
    activity_id      VARCHAR(500)  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, conversation_id)
);
