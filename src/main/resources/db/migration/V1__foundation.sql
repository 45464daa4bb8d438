-- Foundation schema: partners and their program versions, members and consents, the message outbox,
-- the staff audit log and rate-limit counters. Internal bigint ids; public UUIDs / slugs / card numbers outside.

create table partner (
    id              bigint generated always as identity primary key,
    slug            varchar(64)  not null,
    name            varchar(200) not null,
    legal_name      varchar(300),
    city            varchar(100),
    time_zone       varchar(64)  not null default 'Europe/Moscow',
    wallet_scope    varchar(20)  not null check (wallet_scope in ('CLOSED_LOOP', 'COALITION')),
    status          varchar(20)  not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED')),
    source          varchar(20)  not null check (source in ('FILE', 'CONSOLE')),
    source_checksum varchar(64),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint partner_slug_unique unique (slug)
);

-- A program is data, versioned by the local date it takes effect; versions in force are never edited.
create table program_version (
    id             bigint generated always as identity primary key,
    partner_id     bigint      not null references partner (id),
    effective_from date        not null,
    definition     jsonb       not null,
    checksum       varchar(64) not null,
    created_at     timestamptz not null,
    constraint program_version_unique unique (partner_id, effective_from)
);

create table member (
    id                bigint generated always as identity primary key,
    public_id         uuid         not null,
    card_number       varchar(16)  not null,
    keycloak_id       varchar(64),
    last_name         varchar(100) not null,
    first_name        varchar(100) not null,
    middle_name       varchar(100),
    phone             varchar(16)  not null,
    email             varchar(254),
    birth_date        date         not null,
    gender            varchar(10)  not null,
    city              varchar(100) not null,
    social_status     varchar(30)  not null,
    income_bracket    varchar(20)  not null,
    preferred_channel varchar(10)  not null check (preferred_channel in ('email', 'sms')),
    referral_code     varchar(12)  not null,
    referred_by       bigint references member (id),
    status            varchar(20)  not null default 'ACTIVE',
    registered_at     timestamptz  not null,
    constraint member_public_id_unique unique (public_id),
    constraint member_card_unique unique (card_number),
    constraint member_phone_unique unique (phone),
    constraint member_referral_unique unique (referral_code),
    constraint member_keycloak_unique unique (keycloak_id)
);
create unique index member_email_unique on member (lower(email));

-- Consents are appended, never updated: the latest row per (member, kind) is in force.
create table consent (
    id              bigint generated always as identity primary key,
    member_id       bigint      not null references member (id),
    kind            varchar(30) not null check (kind in ('PERSONAL_DATA', 'MARKETING_EMAIL', 'MARKETING_SMS')),
    granted         boolean     not null,
    wording_version varchar(20) not null,
    recorded_at     timestamptz not null,
    source          varchar(20) not null,
    client_address  varchar(64)
);
create index consent_member_kind on consent (member_id, kind, recorded_at desc);

create table outbox_message (
    id              bigint generated always as identity primary key,
    channel         varchar(10)  not null check (channel in ('EMAIL', 'SMS')),
    kind            varchar(40)  not null,
    recipient       varchar(254) not null,
    subject         varchar(300),
    body            text,
    html            boolean      not null default false,
    sensitive       boolean      not null default false,
    member_id       bigint,
    status          varchar(12)  not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      text,
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create index outbox_due on outbox_message (next_attempt_at) where status = 'PENDING';
create index outbox_member on outbox_message (member_id);

create table audit_entry (
    id          bigint generated always as identity primary key,
    at          timestamptz  not null,
    actor       varchar(200) not null,
    actor_roles varchar(300),
    partner_id  bigint,
    action      varchar(60)  not null,
    target_type varchar(40),
    target_id   varchar(100),
    details     jsonb
);
create index audit_entry_at on audit_entry (at desc);
create index audit_entry_partner on audit_entry (partner_id, at desc);

create table rate_limit_bucket (
    bucket_key   varchar(200) not null,
    window_start timestamptz  not null,
    hits         int          not null,
    primary key (bucket_key, window_start)
);
