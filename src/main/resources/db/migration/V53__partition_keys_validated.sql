-- Partitioning, step 2 of 2: the foreign keys V52 pointed at the partitioned tables, checked against every row without
-- blocking writes (SHARE UPDATE EXCLUSIVE on the referencing table).
alter table refund validate constraint refund_purchase_id_fkey;
alter table gift_card validate constraint gift_card_redeemed_purchase_id_fkey;
alter table refund_line validate constraint refund_line_purchase_id_line_no_fkey;
alter table ledger_allocation validate constraint ledger_allocation_debit_entry_id_fkey;
alter table ledger_allocation validate constraint ledger_allocation_lot_entry_id_fkey;
