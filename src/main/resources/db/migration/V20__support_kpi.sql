-- The support desk's figures (issue 11 §7) read the tickets solved in a period: an index on the solution time.
create index support_ticket_solved on support_ticket (solved_at) where solved_at is not null;
