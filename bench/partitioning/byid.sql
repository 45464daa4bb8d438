-- by id: what the app runs since V52 (docs/scaling.md "Partitioning"): range partitions of id, a month of ids each (here
-- the bounds are the first ids of each month of the data); lines by their purchase's id; the receipt registry
\timing on
set maintenance_work_mem = '512MB';
create schema byid;
create table byid.purchase (like public.purchase) partition by range (id);
create table byid.purchase_line (like public.purchase_line) partition by range (purchase_id);
create table byid.ledger_entry (like public.ledger_entry) partition by range (id);
do $$
declare
    b record;
    lo text;
begin
    for b in select t, array_agg(bound order by bound) as bounds from (
                 select 'purchase' as t, min(id) as bound from public.purchase group by date_trunc('month', created_at)
                 union all
                 select 'ledger_entry', min(id) from public.ledger_entry group by date_trunc('month', created_at)) x
             group by t loop
        lo := 'minvalue';
        for i in 2 .. array_length(b.bounds, 1) + 1 loop
            execute format('create table byid.%s_%s partition of byid.%s for values from (%s) to (%s)', b.t, i - 1, b.t, lo,
                           coalesce(b.bounds[i]::text, 'maxvalue'));
            if b.t = 'purchase' then
                execute format('create table byid.purchase_line_%s partition of byid.purchase_line for values from (%s) to (%s)',
                               i - 1, lo, coalesce(b.bounds[i]::text, 'maxvalue'));
            end if;
            lo := b.bounds[i]::text;
        end loop;
    end loop;
end
$$;
create table byid.purchase_receipt (partner_id bigint not null, receipt_id varchar(64) not null, purchase_id bigint not null, primary key (partner_id, receipt_id));
create sequence byid.purchase_id start 20000000; create sequence byid.ledger_entry_id start 20000000;
insert into byid.purchase select * from public.purchase;
insert into byid.purchase_line select * from public.purchase_line;
insert into byid.ledger_entry select * from public.ledger_entry;
insert into byid.purchase_receipt select partner_id, receipt_id, id from public.purchase;
alter table byid.purchase add primary key (id);
create index on byid.purchase (public_id); create index on byid.purchase (member_id, partner_id, occurred_at); create index on byid.purchase (partner_id, occurred_at);
create index on byid.purchase (partner_id, receipt_id);
alter table byid.purchase_line add primary key (purchase_id, line_no);
alter table byid.ledger_entry add primary key (id);
create index on byid.ledger_entry (wallet_id, activates_at) include (amount); create index on byid.ledger_entry (member_id, id desc); create index on byid.ledger_entry (source_type, source_id);
vacuum analyze;
