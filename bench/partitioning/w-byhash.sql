\set m random(1, 1000000)
\set p random(1, 20)
\set r random(1, 2000000000)
with p as (insert into byhash.purchase (id, public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at, fingerprint, total, points, activates_at, response, created_at)
  values (nextval('byhash.purchase_id'), gen_random_uuid(), :p, 'W-' || :r || '-' || :client_id || '-' || random(), :m, :m * 3, :p, now(), 'f', 230050, 2300, now() + interval '14 days', '{"purchaseId":"x","breakdown":{"accrual":2300}}', now())
  returning id, partner_id, receipt_id, member_id, wallet_id, points, activates_at, created_at, occurred_at),
 rc as (insert into byhash.purchase_receipt select partner_id, receipt_id, id, member_id from p),
 l as (insert into byhash.purchase_line (purchase_id, partner_id, line_no, sku, name, category, promo, amount, refunded, member_id) select id, partner_id, 1, 'SKU-1', 'Печать', 'print', false, 230050, 0, member_id from p)
insert into byhash.ledger_entry (id, wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)
select nextval('byhash.ledger_entry_id'), wallet_id, member_id, partner_id, 'ACCRUAL', points, activates_at, created_at, 'purchase', id from p;
