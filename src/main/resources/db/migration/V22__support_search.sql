-- Agents find tickets by words (issue 11 §5): full-text search in Russian over the subject and every message, and
-- trigram similarity on the subject for typos ("начеслили" still finds "начислили").
create extension if not exists pg_trgm;

alter table support_ticket
    add column search tsvector generated always as (to_tsvector('russian', subject)) stored;
create index support_ticket_search on support_ticket using gin (search);
create index support_ticket_subject_trgm on support_ticket using gin (subject gin_trgm_ops);

alter table support_message
    add column search tsvector generated always as (to_tsvector('russian', body)) stored;
create index support_message_search on support_message using gin (search);
