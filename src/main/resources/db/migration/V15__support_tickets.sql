-- The operator's support desk (issue 11), first part: tickets, their conversation and history, the member's rating.
-- Tickets are the operator's own records; a partner sees one only when the operator routes it there (routed_partner_id).

create table support_ticket (
    id                bigint generated always as identity primary key,
    public_id         uuid         not null,
    -- what people read and say on the phone: S-2026-000123 (a counter per year, support_ticket_counter)
    number            varchar(20)  not null,
    -- null: someone the desk does not know yet (an e-mail from an unknown address)
    member_id         bigint references member (id),
    -- the partner the ticket concerns, if any, and the receipt named
    partner_id        bigint references partner (id),
    receipt_id        varchar(64),
    subject           varchar(200) not null,
    category          varchar(16)  not null check (category in ('question', 'complaint', 'missing-points', 'account', 'other')),
    priority          varchar(8)   not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    state             varchar(16)  not null check (state in ('NEW', 'OPEN', 'PENDING_MEMBER', 'SOLVED', 'CLOSED')),
    channel           varchar(8)   not null check (channel in ('CABINET', 'PHONE', 'EMAIL', 'BOARD')),
    -- the agent working on it (Keycloak subject); the partner whose staff answer it when routed there
    assignee          varchar(64),
    routed_partner_id bigint references partner (id),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    first_response_at timestamptz,
    solved_at         timestamptz,
    closed_at         timestamptz,
    constraint support_ticket_public_unique unique (public_id),
    constraint support_ticket_number_unique unique (number)
);
create index support_ticket_member on support_ticket (member_id, id desc) where member_id is not null;
create index support_ticket_open on support_ticket (state, id) where state <> 'CLOSED';

create table support_ticket_counter (
    year int primary key,
    last int not null
);

-- The conversation: public replies (the member sees them) and internal notes (staff only). Never changed.
create table support_message (
    id            bigint generated always as identity primary key,
    ticket_id     bigint        not null references support_ticket (id),
    author_kind   varchar(8)    not null check (author_kind in ('MEMBER', 'AGENT', 'PARTNER', 'SYSTEM')),
    author        varchar(200)  not null,
    body          varchar(20000) not null,
    internal      boolean       not null,
    created_at    timestamptz   not null,
    check (not internal or author_kind <> 'MEMBER')
);
create index support_message_ticket on support_message (ticket_id, id);

-- Who did what to a ticket, in order: opened, replied, state changed, assigned, rated. Never changed.
create table support_event (
    id        bigint generated always as identity primary key,
    ticket_id bigint       not null references support_ticket (id),
    actor     varchar(200) not null,
    action    varchar(24)  not null,
    detail    varchar(500),
    at        timestamptz  not null
);
create index support_event_ticket on support_event (ticket_id, id);

-- The member's one answer to "how did we do" once the ticket is solved.
create table support_rating (
    ticket_id bigint primary key references support_ticket (id),
    score     smallint     not null check (score between 1 and 5),
    comment   varchar(2000),
    at        timestamptz  not null
);

create function support_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never changed or deleted', tg_table_name;
end
$$;
create trigger support_message_no_change before update or delete on support_message
    for each row execute function support_append_only();
create trigger support_event_no_change before update or delete on support_event
    for each row execute function support_append_only();
