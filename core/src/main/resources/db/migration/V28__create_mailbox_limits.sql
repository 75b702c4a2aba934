-- Exchange Online limits per sender mailbox, shared by every LUX instance on this database.
-- One row per mailbox: the UTC day's reserved recipients and the Retry-After pause after a 429/503.
-- It is updated first in every reservation, so reservations for one mailbox run one after another.
CREATE TABLE mailbox_limit (
    mailbox        VARCHAR(320) NOT NULL PRIMARY KEY,
    quota_day      DATE         NOT NULL,
    quota_used     INTEGER      NOT NULL,
    blocked_until  TIMESTAMP WITH TIME ZONE
);

-- Numbered slots per mailbox, each busy until a time:
--   kind 'minute':  one slot per message allowed a minute; taken for 60 s by each send (a sliding window:
--                   a send needs a slot whose previous send is at least a minute old);
--   kind 'request': one slot per concurrent request; a lease until released, or until it expires when the
--                   instance holding it has crashed. holder is the lease's token, so a late release frees nothing else.
CREATE TABLE mailbox_slot (
    mailbox     VARCHAR(320) NOT NULL,
    kind        VARCHAR(10)  NOT NULL,
    slot        INTEGER      NOT NULL,
    busy_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    holder      VARCHAR(40),
    PRIMARY KEY (mailbox, kind, slot)
);
