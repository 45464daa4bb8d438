-- Issue 14 §1, orders for a partner's services (ru.coalition.orders, docs/orders.md). A partner switches orders on and
-- lists what can be ordered (tenant file "orders" section, or the portal); a member orders; staff move the order through
-- its states; the timeline (order_event) is appended to and never changed.
create table order_settings (
    partner_id     bigint       primary key references partner (id),
    enabled        boolean      not null default false,
    -- "KM" makes numbers KM-000123; the counter below hands them out one by one under the row's lock
    number_prefix  varchar(8)   not null,
    last_number    bigint       not null default 0,
    -- the checksum of the tenant file's section last applied, so a restart does not undo the portal's edits
    file_checksum  varchar(64),
    updated_at     timestamptz  not null
);
alter table order_settings enable row level security;
create policy partner_rows on order_settings to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

create table order_service (
    partner_id   bigint        not null references partner (id),
    service_key  varchar(40)   not null,
    name         varchar(200)  not null,
    name_en      varchar(200),
    unit         varchar(40),
    unit_en      varchar(40),
    -- kopecks per unit; null means the price is quoted per order
    price        bigint        check (price >= 0),
    lead_days    int           not null check (lead_days between 0 and 365),
    options      jsonb         not null default '[]',
    position     int           not null default 0,
    active       boolean       not null default true,
    primary key (partner_id, service_key)
);
alter table order_service enable row level security;
create policy partner_rows on order_service to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

create table member_order (
    id            bigint generated always as identity primary key,
    public_id     uuid          not null unique,
    partner_id    bigint        not null references partner (id),
    member_id     bigint        not null references member (id),
    number        varchar(20)   not null,
    state         varchar(10)   not null check (state in ('NEW', 'ACCEPTED', 'IN_WORK', 'READY', 'DONE', 'CANCELLED')),
    wishes        text,
    channel       varchar(5)    not null check (channel in ('email', 'sms')),
    -- the sum of the priced items; null while an item waits for a quote
    items_total   bigint,
    quote         bigint        check (quote >= 0),
    quote_note    varchar(1000),
    quote_state   varchar(8)    check (quote_state in ('PROPOSED', 'ACCEPTED', 'DECLINED')),
    due_date      date,
    cancel_reason varchar(1000),
    -- the receipt this order posted to the ledger when done (its number), once
    posted_receipt varchar(64),
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    constraint member_order_number unique (partner_id, number)
);
create index member_order_board on member_order (partner_id, state, created_at);
create index member_order_member on member_order (member_id, created_at);
alter table member_order enable row level security;
create policy partner_rows on member_order to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

create table order_item (
    order_id     bigint        not null references member_order (id),
    line_no      int           not null,
    partner_id   bigint        not null,
    service_key  varchar(40)   not null,
    name         varchar(200)  not null,
    quantity     int           not null check (quantity between 1 and 100000),
    options      jsonb         not null default '{}',
    unit_price   bigint,
    amount       bigint,
    primary key (order_id, line_no)
);
alter table order_item enable row level security;
create policy partner_rows on order_item to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

create table order_event (
    id          bigint generated always as identity primary key,
    order_id    bigint        not null references member_order (id),
    partner_id  bigint        not null,
    at          timestamptz   not null,
    -- MEMBER, STAFF, VOICE (the voice menu) or SYSTEM
    actor_kind  varchar(8)    not null,
    actor       varchar(200),
    kind        varchar(16)   not null,
    from_state  varchar(10),
    to_state    varchar(10),
    detail      varchar(1000)
);
create index order_event_order on order_event (order_id, id);
alter table order_event enable row level security;
create policy partner_rows on order_event to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

create table order_file (
    id            bigint generated always as identity primary key,
    order_id      bigint        not null references member_order (id),
    partner_id    bigint        not null,
    file_name     varchar(200)  not null,
    content_type  varchar(100)  not null,
    size_bytes    int           not null,
    bytes         bytea         not null,
    sha256        varchar(64)   not null,
    author_kind   varchar(8)    not null,
    created_at    timestamptz   not null
);
create index order_file_order on order_file (order_id, id);
alter table order_file enable row level security;
create policy partner_rows on order_file to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());
