-- Partitioning, step 1 of 2 (expand; docs/scaling.md "Partitioning"): safe while the previous version still runs.
--
-- purchase, purchase_line and ledger_entry are to become range partitions by id (V50-V53). A partitioned table can
-- only keep a unique key that contains its partition key, so "one purchase per partner and receipt id" moves to this
-- registry, which the purchase statement writes first (its conflict is the replay). The id is drawn here, before
-- the purchase row exists, and the purchase is written with it.
create table purchase_receipt (
    partner_id  bigint      not null,
    receipt_id  varchar(64) not null,
    purchase_id bigint      not null,
    primary key (partner_id, receipt_id)
);
alter table purchase_receipt enable row level security;
create policy partner_rows on purchase_receipt to coalition_partner
    using (partner_id = app_partner())
    with check (partner_id = app_partner());

-- The previous version writes purchases without the registry until it is replaced: its rows are registered here.
-- V52 drops this once every writer registers first.
create function purchase_registered() returns trigger language plpgsql as $$
begin
    insert into purchase_receipt (partner_id, receipt_id, purchase_id) values (new.partner_id, new.receipt_id, new.id)
    on conflict do nothing;
    return null;
end
$$;
create trigger purchase_registered after insert on purchase for each row execute function purchase_registered();
