-- Issue 12: mailings. Segments over the shared member base, campaigns (the operator's newsletter and special offers,
-- and mailings a partner asked for), and one row per campaign and member, which is the send queue and the proof that
-- nobody got a campaign twice.

-- Service notices (offers, expiring points, tickets) get a consent of their own per channel (issue 12 §1).
alter table consent drop constraint consent_kind_check;
alter table consent add constraint consent_kind_check check (kind in ('PERSONAL_DATA', 'MARKETING_EMAIL', 'MARKETING_SMS',
                                                                      'PARTNER_OFFERS_EMAIL', 'PARTNER_OFFERS_SMS',
                                                                      'SERVICE_EMAIL', 'SERVICE_SMS'));

-- A target group as a filter, counted and resolved when a campaign starts; never a stored list of members.
create table segment (
    id          bigint generated always as identity primary key,
    -- null: the operator's segment over the whole base; otherwise a partner's, over its own customers only
    partner_id  bigint references partner (id),
    name        varchar(200) not null,
    definition  jsonb        not null,
    created_by  varchar(200) not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create index segment_partner on segment (partner_id, id);

create table campaign (
    id               bigint generated always as identity primary key,
    -- null: the operator's own mailing; otherwise sent on behalf of this partner
    partner_id       bigint references partner (id),
    kind             varchar(20)  not null check (kind in ('NEWSLETTER', 'OFFER', 'PARTNER')),
    channel          varchar(10)  not null check (channel in ('EMAIL', 'SMS')),
    name             varchar(200) not null,
    segment_id       bigint references segment (id),
    -- e-mail: subject and a Markdown body with Qute expressions, per language; SMS: the text in body_*
    subject_ru       varchar(300),
    subject_en       varchar(300),
    body_ru          text,
    body_en          text,
    status           varchar(20)  not null check (status in ('REQUESTED', 'DRAFT', 'SCHEDULED', 'SENDING', 'PAUSED',
                                                             'SENT', 'CANCELLED', 'REJECTED')),
    wished_at        timestamptz,
    scheduled_at     timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    track_opens      boolean      not null default true,
    track_clicks     boolean      not null default true,
    recipients       int,
    requested_by     varchar(200),
    approved_by      varchar(200),
    approved_at      timestamptz,
    rejection_reason varchar(1000),
    -- the newsletter issue this draft was composed for (one per slot, whatever the number of replicas)
    newsletter_slot  timestamptz,
    created_by       varchar(200) not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          int          not null default 0
);
create index campaign_partner on campaign (partner_id, id desc);
create index campaign_due on campaign (scheduled_at) where status = 'SCHEDULED';
create index campaign_active on campaign (id) where status in ('SENDING', 'PAUSED');
create unique index campaign_newsletter_slot on campaign (newsletter_slot) where newsletter_slot is not null;

-- The send queue and its record in one: a campaign reaches a member at most once (the primary key).
create table campaign_recipient (
    campaign_id     bigint       not null references campaign (id),
    member_id       bigint       not null references member (id),
    status          varchar(12)  not null default 'QUEUED' check (status in ('QUEUED', 'SENT', 'SKIPPED', 'FAILED')),
    -- why a queued row was not sent: no-consent, suppressed, capped, no-address, member-deleted, cancelled
    skip_reason     varchar(30),
    address         varchar(254),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    sent_at         timestamptz,
    last_error      varchar(1000),
    primary key (campaign_id, member_id)
);
create index campaign_recipient_queued on campaign_recipient (campaign_id, next_attempt_at) where status = 'QUEUED';
-- the frequency cap counts a member's marketing messages of the last days
create index campaign_recipient_member_sent on campaign_recipient (member_id, sent_at) where status = 'SENT';
