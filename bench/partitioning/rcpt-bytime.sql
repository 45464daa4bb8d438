\set g random(1, 10000000)
select p.id, p.response from bytime.purchase_receipt r join bytime.purchase p on p.id = r.purchase_id and p.occurred_at = r.occurred_at where r.partner_id = 1 + (:g::bigint * 40503) % 20 and r.receipt_id = 'R-' || :g;
