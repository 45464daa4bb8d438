-- Issue 14 §2, the voice menu (ru.coalition.ivr, docs/ivr.md). One row per call, whichever adapter carried it (a SIP
-- line driven over baresip's control socket, or a cloud provider's TwiML-style webhooks). The row is also the call's
-- state between turns, so any replica can take the provider's next request.
create table ivr_call (
    id                bigint generated always as identity primary key,
    public_id         uuid          not null unique,
    partner_id        bigint        not null references partner (id),
    adapter           varchar(8)    not null check (adapter in ('SIP', 'TWIML')),
    provider_call_id  varchar(100)  not null,
    caller            varchar(64),
    member_id         bigint,
    order_number      varchar(20),
    language          varchar(2)    not null,
    step              varchar(16)   not null,
    wrong             int           not null default 0,
    -- every key pressed, input by input ("1 | 123# | 2 | 1")
    digits            varchar(500)  not null default '',
    -- the prompts said, in order ("greeting > number > order:NEW > cancel? > cancelled")
    path              varchar(2000) not null default '',
    outcome           varchar(20),
    ticket_number     varchar(20),
    started_at        timestamptz   not null,
    ended_at          timestamptz,
    constraint ivr_call_provider unique (adapter, provider_call_id)
);
create index ivr_call_partner_started on ivr_call (partner_id, started_at desc);
create index ivr_call_started on ivr_call (started_at desc);
alter table ivr_call enable row level security;
create policy partner_rows on ivr_call to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());
