\set m random(1, 1000000)
\set p random(1, 20)
\set r random(1, 2000000000)
with p as (insert into public.purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at, fingerprint, total, points, activates_at, response, created_at)
  values (gen_random_uuid(), :p, 'W-' || :r || '-' || :client_id || '-' || random(), :m, :m * 3, :p, now(), 'f', 230050, 2300, now() + interval '14 days', '{"purchaseId":"x","breakdown":{"accrual":2300}}', now())
  returning id, partner_id, member_id, wallet_id, points, activates_at, created_at),
 l as (insert into public.purchase_line (purchase_id, partner_id, line_no, sku, name, category, promo, amount) select id, partner_id, 1, 'SKU-1', 'Печать', 'print', false, 230050 from p)
insert into public.ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)
select wallet_id, member_id, partner_id, 'ACCRUAL', points, activates_at, created_at, 'purchase', id from p;
