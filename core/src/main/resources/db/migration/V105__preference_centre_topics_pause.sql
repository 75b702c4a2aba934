-- Topics: tags an admin has made public, with the label and description readers see in the preference centre.
CREATE TABLE topic (
    tag_id          BIGINT        NOT NULL PRIMARY KEY REFERENCES tag (id) ON DELETE CASCADE,
    label           VARCHAR(100)  NOT NULL,
    description     VARCHAR(500),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A reader's "not this topic": while it stands, the tag does not count for this contact when a campaign's audience is
-- drawn, whoever tags the contact later. Kept when the topic stops being public; goes with the contact or the tag.
CREATE TABLE contact_topic_opt_out (
    contact_id      BIGINT        NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    tag_id          BIGINT        NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    opted_out_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX ix_contact_topic_opt_out_tag ON contact_topic_opt_out (tag_id, contact_id);

-- A reader's pause: no campaign starting before this moment reaches the contact.
ALTER TABLE contact ADD COLUMN paused_until TIMESTAMP WITH TIME ZONE;
