-- Rows for live-migration.sh: a partner, 1 000 members (deleted, so no questionnaire is needed), their wallets, and
-- :n purchases with a line, a ledger entry each, a refund with its line for every 100th and an allocation per 100th entry.
insert into partner (slug, name, wallet_scope, source, created_at, updated_at) values ('p1', 'P', 'COALITION', 'FILE', now(), now());
insert into member (public_id, card_number, preferred_channel, registered_at, status, deleted_at)
select gen_random_uuid(), 'C' || g, 'email', now(), 'DELETED', now() from generate_series(1, 1000) g;
insert into wallet (member_id, created_at) select id, now() from member;
insert into program_version (partner_id, effective_from, definition, checksum, created_at) values (1, '2026-01-01', '{}', 'x', now());
insert into purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at, fingerprint, total, points,
                      activates_at, response, created_at)
select gen_random_uuid(), 1, 'R' || g, 1 + g % 1000, 1 + g % 1000, 1, now(), 'f', 100, 1, now(), '{}', now() from generate_series(1, :n) g;
insert into purchase_line (purchase_id, partner_id, line_no, sku, promo, amount) select id, 1, 1, 's', false, 100 from purchase;
insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)
select wallet_id, member_id, 1, 'ACCRUAL', 1, now(), now(), 'purchase', id from purchase;
insert into refund (partner_id, refund_id, purchase_id, fingerprint, amount, points_reversed, response, created_at)
select 1, 'F' || id, id, 'f', 10, 0, '{}', now() from purchase where id % 100 = 0;
insert into refund_line (refund_id, purchase_id, line_no, amount) select id, purchase_id, 1, 10 from refund;
insert into ledger_allocation (wallet_id, debit_entry_id, lot_entry_id, amount) select wallet_id, id, id, 1 from ledger_entry where id % 100 = 0;
vacuum analyze;
