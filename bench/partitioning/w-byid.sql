\set m random(1, 1000000)
\set p random(1, 20)
\set r random(1, 2000000000)
with k as (insert into byid.purchase_receipt (partner_id, receipt_id, purchase_id) values (:p, 'W-' || :r || '-' || :client_id || '-' || random(), nextval('byid.purchase_id'))
  on conflict do nothing returning partner_id, receipt_id, purchase_id),
 p as (insert into byid.purchase (id, public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at, fingerprint, total, points, activates_at, response, created_at)
  select k.purchase_id, gen_random_uuid(), k.partner_id, k.receipt_id, :m, :m * 3, :p, now(), 'f', 230050, 2300, now() + interval '14 days', '{"purchaseId":"x","breakdown":{"accrual":2300}}', now() from k
  returning id, partner_id, receipt_id, member_id, wallet_id, points, activates_at, created_at),
 l as (insert into byid.purchase_line (purchase_id, partner_id, line_no, sku, name, category, promo, amount, refunded) select id, partner_id, 1, 'SKU-1', 'Печать', 'print', false, 230050, 0 from p)
insert into byid.ledger_entry (id, wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)
select nextval('byid.ledger_entry_id'), wallet_id, member_id, partner_id, 'ACCRUAL', points, activates_at, created_at, 'purchase', id from p;
