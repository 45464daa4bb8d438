-- Issue 13, the portrait at a million members (docs/benchmarks.md "Long periods in memory").
--
-- The transaction that last wrote each member row (registration, profile, erasure): the copy of the questionnaire
-- answers kept in the app's memory (members.MemberAnswerCache) reads again only the rows of transactions at or after the
-- horizon of its last read (the xmin of that read's snapshot), through the index below. Existing rows: 0, read whole.
alter table member add column changed xid8 not null default '0';

create function member_changed() returns trigger language plpgsql as $$
begin
    new.changed := pg_current_xact_id();
    return new;
end
$$;

create trigger member_changed before insert or update on member for each row execute function member_changed();

create index member_changed on member (changed);
