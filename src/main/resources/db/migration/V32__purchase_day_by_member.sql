-- Issue 13 §2, the coalition effect: "did this customer also buy at another partner in those days" looks a member's days
-- up across partners (purchase_day's key leads with the partner).
create index purchase_day_member on purchase_day (member_id, day) include (partner_id);
