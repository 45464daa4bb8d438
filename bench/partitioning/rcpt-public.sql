\set g random(1, 10000000)
select id, response from public.purchase where partner_id = 1 + (:g::bigint * 40503) % 20 and receipt_id = 'R-' || :g;
