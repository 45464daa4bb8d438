\set g random(1, 10000000)
select p.id, p.response from byid.purchase_receipt r join byid.purchase p on p.id = r.purchase_id where r.partner_id = 1 + (:g::bigint * 40503) % 20 and r.receipt_id = 'R-' || :g;
