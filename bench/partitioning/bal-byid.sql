\set m random(1, 1000000)
select coalesce(sum(amount), 0) from byid.ledger_entry where wallet_id = :m * 3 and activates_at <= now();
