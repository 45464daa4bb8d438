\set p random(1, 20)
select count(*), sum(total) from byid.purchase where partner_id = :p and occurred_at > now() - interval '30 days';
