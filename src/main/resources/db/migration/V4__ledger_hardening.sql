-- Ledger hardening (issue 7).

-- Refund ids are per receipt, as the API reads (POST /purchases/{receiptId}/refunds): two receipts may each have a
-- refund "F-1". The tenant column still leads the key.
alter table refund drop constraint refund_unique;
alter table refund add constraint refund_unique unique (partner_id, purchase_id, refund_id);
-- welcome, tier and referral bonuses a refund took back with the purchase that had triggered them
alter table refund add column bonuses_reversed bigint not null default 0;
