-- Partitioning, step 1 of 2: the receipts stored before V47, in the registry. Writers are not blocked: a receipt
-- written meanwhile is registered by its own trigger, and the conflict skips it here.
insert into purchase_receipt (partner_id, receipt_id, purchase_id)
select partner_id, receipt_id, id from purchase
on conflict do nothing;
