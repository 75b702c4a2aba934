-- One welcome per conversation: Teams (and the Agents Playground) announce an install with both a
-- conversationUpdate and an installationUpdate, and a second instance or a restart must not greet again.
-- The primary key makes the first insert win; only that turn greets.
CREATE TABLE teams_welcome (
    conversation_id  VARCHAR(300) PRIMARY KEY,
    greeted_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- personal / groupChat / channel: contact lists, stats and import results only go to personal chats.
ALTER TABLE teams_conversation ADD COLUMN conversation_type VARCHAR(32);
