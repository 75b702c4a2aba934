-- Where LUX can reach a Teams user later (proactive messages): the conversation reference as JSON.
CREATE TABLE teams_conversation (
    conversation_id  VARCHAR(300) PRIMARY KEY,
    user_id          BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    reference        TEXT         NOT NULL,
    zone             VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_teams_conversation_user ON teams_conversation (user_id, updated_at);

-- The card a campaign's progress is shown in, so it can be updated in place.
CREATE TABLE teams_progress_card (
    campaign_id      BIGINT       NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    conversation_id  VARCHAR(300) NOT NULL,
    activity_id      VARCHAR(300) NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, conversation_id)
);

-- The last file a user attached in a conversation, for "import" and the importContacts tool.
CREATE TABLE teams_upload (
    conversation_id  VARCHAR(300) PRIMARY KEY,
    user_id          BIGINT        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    file_name        VARCHAR(500)  NOT NULL,
    download_url     VARCHAR(4000) NOT NULL,
    uploaded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
