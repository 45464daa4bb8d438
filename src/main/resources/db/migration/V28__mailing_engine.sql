-- Issue 12 §5, §6: the sending engine. The queue itself is campaign_recipient (V24); this adds the claim of a row by a
-- worker, the tracking events and the per-channel rate limit shared by every replica.

-- A worker claims a queued row by giving it the Message-ID it is about to send it with, until claimed_until. The row
-- stays QUEUED until the SMTP server (or the SMS gateway) accepted it; a claim that outlived claimed_until belongs to a
-- worker that died, and the row is sent again with the same Message-ID (docs/mailings.md "Exactly once").
alter table campaign_recipient add column message_id varchar(200);
alter table campaign_recipient add column claimed_until timestamptz;
-- the frequency cap also counts messages claimed by a worker and not yet confirmed
create index campaign_recipient_member_claimed on campaign_recipient (member_id) where status = 'QUEUED' and message_id is not null;

-- Opens (the tracking pixel) and clicks (the redirect links) of a campaign's mail; append-only.
create table campaign_event (
    id          bigint generated always as identity primary key,
    campaign_id bigint       not null references campaign (id),
    member_id   bigint       not null references member (id),
    kind        varchar(10)  not null check (kind in ('OPEN', 'CLICK')),
    url         varchar(2000),
    at          timestamptz  not null
);
create index campaign_event_campaign on campaign_event (campaign_id, kind, at);

-- A token bucket per channel, shared by the workers of every replica: one row, taken under its row lock.
create table sending_rate (
    channel      varchar(10)      primary key,
    tokens       double precision not null,
    refreshed_at timestamptz      not null
);
