-- the app's purchase write since V47 (purchases.PurchaseStatements): the registry first, the purchase with its id
\set m random(1, 1000)
with k as (insert into purchase_receipt (partner_id, receipt_id, purchase_id)
           values (1, 'L-' || :client_id || '-' || clock_timestamp() || '-' || random(), nextval('purchase_id_seq'))
           on conflict do nothing returning receipt_id, purchase_id),
     p as (insert into purchase (id, public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at, fingerprint,
                                 total, points, activates_at, response, created_at)
           overriding system value
           select k.purchase_id, gen_random_uuid(), 1, k.receipt_id, :m, :m, 1, now(), 'f', 100, 1, now(), '{}', now() from k
           returning id, member_id, wallet_id),
     l as (insert into purchase_line (purchase_id, partner_id, line_no, sku, promo, amount) select id, 1, 1, 's', false, 100 from p)
insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)
select wallet_id, member_id, 1, 'ACCRUAL', 1, now(), now(), 'purchase', id from p;
