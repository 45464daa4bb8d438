-- Issue 14 §3, outgoing webhooks (ru.coalition.webhooks, docs/webhooks.md). A partner registers endpoints and picks
-- event types; an event is written in the transaction of what it tells (the outbox pattern) with one delivery per
-- subscribed endpoint; the dispatcher sends it signed (Standard Webhooks) and retries for about a day.
create table webhook_endpoint (
    id             bigint generated always as identity primary key,
    public_id      uuid           not null unique,
    partner_id     bigint         not null references partner (id),
    url            varchar(2000)  not null,
    description    varchar(200),
    events         text[]         not null,
    -- whsec_<base64>: shown once when made or rotated; the previous one signs too until previous_until
    secret         varchar(100)   not null,
    previous_secret varchar(100),
    previous_until timestamptz,
    active         boolean        not null default true,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null
);
create index webhook_endpoint_partner on webhook_endpoint (partner_id);
alter table webhook_endpoint enable row level security;
create policy partner_rows on webhook_endpoint to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- what happened, once; its public_id is the webhook-id every delivery and retry of it carries
create table webhook_event (
    id          bigint generated always as identity primary key,
    public_id   varchar(40)   not null unique,
    partner_id  bigint        not null references partner (id),
    type        varchar(40)   not null,
    body        text          not null,
    created_at  timestamptz   not null
);
create index webhook_event_partner on webhook_event (partner_id, id);
alter table webhook_event enable row level security;
create policy partner_rows on webhook_event to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

create table webhook_delivery (
    id               bigint generated always as identity primary key,
    event_id         bigint        not null references webhook_event (id),
    endpoint_id      bigint        not null references webhook_endpoint (id),
    partner_id       bigint        not null,
    status           varchar(10)   not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         int           not null default 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status      int,
    last_error       varchar(500),
    delivered_at     timestamptz,
    created_at       timestamptz   not null,
    constraint webhook_delivery_once unique (endpoint_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, id desc);
alter table webhook_delivery enable row level security;
create policy partner_rows on webhook_delivery to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- every try, as the portal's delivery log shows it
create table webhook_attempt (
    id           bigint generated always as identity primary key,
    delivery_id  bigint        not null references webhook_delivery (id),
    partner_id   bigint        not null,
    at           timestamptz   not null,
    status_code  int,
    error        varchar(500),
    duration_ms  int           not null
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
alter table webhook_attempt enable row level security;
create policy partner_rows on webhook_attempt to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- "points activated": the webhook job reads the entries that became spendable since its last run, by the moment they
-- did; only delayed entries (the ones that were pending) are in this index
create index ledger_entry_activation on ledger_entry (activates_at, partner_id) where activates_at > created_at;
