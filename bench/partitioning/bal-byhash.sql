\set m random(1, 1000000)
select coalesce(sum(amount), 0) from byhash.ledger_entry where member_id = :m and wallet_id = :m * 3 and activates_at <= now();
