\timing on
set maintenance_work_mem = '512MB';
alter table purchase add constraint purchase_public_unique unique (public_id), add constraint purchase_receipt_unique unique (partner_id, receipt_id);
create index purchase_member on purchase (member_id, partner_id, occurred_at);
create index purchase_partner_time on purchase (partner_id, occurred_at);
alter table purchase_line add primary key (purchase_id, line_no);
create index ledger_entry_wallet on ledger_entry (wallet_id, activates_at) include (amount);
create index ledger_entry_member on ledger_entry (member_id, id desc);
create index ledger_entry_source on ledger_entry (source_type, source_id);
vacuum analyze;
