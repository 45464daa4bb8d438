\set m random(1, 1000000)
select id, amount from byid.ledger_entry where member_id = :m order by id desc limit 20;
