-- Bounces of mailings (issue 12 §6): every bounce notice as it came (append-only), and the addresses no marketing mail
-- goes to any more. Read and written only by ru.coalition.mailings (Bounces, Suppressions).

-- One row per bounced recipient of one notice: a DSN read from the bounce mailbox (IMAP) or an ESP's webhook call.
-- campaign_id and member_id come from the original mail's Message-ID (<c{campaign}.m{member}.{random}@...>) when the
-- notice carries it; they are not foreign keys, as a notice is outside input and may name what no longer exists.
create table mail_bounce (
    id          bigserial    primary key,
    address     varchar(254) not null check (address = lower(address)),
    kind        varchar(10)  not null check (kind in ('HARD', 'SOFT', 'COMPLAINT')),
    status_code varchar(16),
    diagnostic  varchar(1000),
    campaign_id bigint,
    member_id   bigint,
    source      varchar(10)  not null check (source in ('IMAP', 'WEBHOOK')),
    -- the notice: the DSN's Message-ID, or the ESP's event id; a notice read twice makes no second row
    report_id   varchar(998) not null,
    received_at timestamptz  not null,
    unique (source, report_id, address)
);
create index mail_bounce_address on mail_bounce (address, received_at);
create index mail_bounce_campaign on mail_bounce (campaign_id) where campaign_id is not null;
create index mail_bounce_recent on mail_bounce (received_at desc, id desc);

create function mail_bounce_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never changed or deleted', tg_table_name;
end
$$;
create trigger mail_bounce_no_change before update or delete on mail_bounce
    for each row execute function mail_bounce_append_only();

-- An address marketing mail skips. A lifted suppression keeps its row (lifted_at set); a later bounce suppresses the
-- address again, and soft bounces are counted only from the lift on.
create table email_suppression (
    address      varchar(254) primary key check (address = lower(address)),
    reason       varchar(16)  not null check (reason in ('HARD_BOUNCE', 'REPEATED_SOFT', 'COMPLAINT', 'MANUAL')),
    since        timestamptz  not null,
    bounce_count int          not null default 0 check (bounce_count >= 0),
    last_bounce  bigint       references mail_bounce (id),
    lifted_at    timestamptz,
    lifted_by    varchar(200)
);
create index email_suppression_active on email_suppression (since desc) where lifted_at is null;
