-- Files attached to a ticket (issue 11 §1): pictures of receipts, PDFs of orders. The bytes decide the type (the
-- app reads their signature); size and count are limited by settings. Kept in PostgreSQL with the ticket, so a backup
-- of the database is a backup of the desk. Never changed.
create table support_attachment (
    id           bigint generated always as identity primary key,
    ticket_id    bigint       not null references support_ticket (id),
    file_name    varchar(200) not null,
    content_type varchar(40)  not null check (content_type in ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf')),
    size_bytes   int          not null check (size_bytes > 0),
    bytes        bytea        not null,
    sha256       char(64)     not null,
    author_kind  varchar(8)   not null check (author_kind in ('MEMBER', 'AGENT', 'PARTNER', 'SYSTEM')),
    author       varchar(200) not null,
    -- staff may attach for staff only, like an internal note
    internal     boolean      not null,
    created_at   timestamptz  not null,
    check (not internal or author_kind <> 'MEMBER')
);
create index support_attachment_ticket on support_attachment (ticket_id, id);
create trigger support_attachment_no_change before update or delete on support_attachment
    for each row execute function support_append_only();
