-- Why a partner is suspended, and since when: the operator's partner list shows it beside the badge (the audit log
-- keeps every change; this is the one in force).
alter table partner add column status_reason varchar(300);
alter table partner add column status_changed_at timestamptz;

-- Staff invited by e-mail: a partner admin invites cashiers and admins of their partner, an operator admin operator
-- staff and partner admins. The link carries a random token; only its SHA-256 is kept, and it works once.
create table staff_invitation (
    id          bigint generated always as identity primary key,
    token_hash  varchar(64)  not null,
    keycloak_id varchar(64)  not null,
    partner_id  bigint,
    role        varchar(40)  not null,
    email       varchar(200) not null,
    invited_by  varchar(200) not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    constraint staff_invitation_token_unique unique (token_hash)
);
create index staff_invitation_partner on staff_invitation (partner_id, created_at desc);

-- People whose access was taken away (a removed colleague, a deleted member): their open sessions stop at once,
-- not when their token would have expired. Read by every page request of a signed-in person.
create table revoked_subject (
    subject    varchar(64) primary key,
    revoked_at timestamptz not null,
    reason     varchar(40) not null
);
