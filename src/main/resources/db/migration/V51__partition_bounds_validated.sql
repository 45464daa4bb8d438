-- Partitioning, step 2 of 2: the bounds of V50, checked against every row (SHARE UPDATE EXCLUSIVE: writes go on).
alter table purchase validate constraint purchase_bound;
alter table purchase_line validate constraint purchase_line_bound;
alter table ledger_entry validate constraint ledger_entry_bound;
