-- The support desk's channels besides the cabinet (issue 11 §2): the support mailbox (IMAP in, SMTP out through the
-- outbox) and the phone call log.

-- Who wrote in when the desk knows no member by that address: the ticket keeps the sender to answer them by mail.
alter table support_ticket
    add column contact_email varchar(254),
    add column contact_name  varchar(200);

-- Every mail the desk received for a ticket or sent from it, by its Message-ID. A mail is taken once (the unique
-- Message-ID makes a mail polled twice one record), and a reply naming one of these ids in In-Reply-To or References
-- belongs to that ticket. Never changed.
create table support_mail (
    id         bigint generated always as identity primary key,
    message_id varchar(998) not null,
    ticket_id  bigint       not null references support_ticket (id),
    direction  varchar(3)   not null check (direction in ('IN', 'OUT')),
    at         timestamptz  not null,
    constraint support_mail_message_unique unique (message_id)
);
create index support_mail_ticket on support_mail (ticket_id, id);
create trigger support_mail_no_change before update or delete on support_mail
    for each row execute function support_append_only();

-- Calls an agent took and logged: who called, what about, what came of it, and the ticket it opened or updated.
-- Never changed.
create table support_call (
    id           bigint generated always as identity primary key,
    public_id    uuid          not null,
    ticket_id    bigint        not null references support_ticket (id),
    -- null: a caller the desk could not match to a member
    member_id    bigint references member (id),
    caller_phone varchar(32)   not null,
    summary      varchar(10000) not null,
    outcome      varchar(16)   not null check (outcome in ('answered', 'ticket-opened', 'callback-needed')),
    agent        varchar(200)  not null,
    at           timestamptz   not null,
    constraint support_call_public_unique unique (public_id)
);
create index support_call_at on support_call (at desc, id desc);
create index support_call_ticket on support_call (ticket_id, id);
create trigger support_call_no_change before update or delete on support_call
    for each row execute function support_append_only();

-- Headers a mail needs beyond the recipient and subject (Message-ID, In-Reply-To, References, From, Reply-To):
-- the support desk's replies thread in the member's mail program.
alter table outbox_message
    add column headers jsonb;
