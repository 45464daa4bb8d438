#!/usr/bin/env bash
# Partitioning of ledger_entry, purchase and purchase_line, measured in SQL (issue 15 §3; docs/benchmarks.md
# "Partitioning: first measurements"). Needs a running PostgreSQL 17 (fsync on) and Debian's pgbench/psql:
#   PGHOST=/path/to/socket PGPORT=16001 PGUSER=postgres bench/partitioning/run.sh
# It loads 10 M purchases of 1 M members over 13 months into public (unpartitioned, production's indexes), copies them
# into bytime (monthly range partitions) and byhash (16 hash partitions by member), each with a receipt registry, since
# a partitioned table cannot hold a unique (partner_id, receipt_id) that leaves out its partition key, then times the
# app's kinds of statements as prepared statements with 8 clients. About 20 minutes on 2 cores and 30 GB of disk.
# byid is what the app runs since V52: range partitions of id, a month of ids each. VARIANTS="bytime byid" times only
# those beside the plain tables.
# bytime.sql names its months (2025-10 to 2027-01): for another date, shift them.
set -euo pipefail
cd "$(dirname "$0")"
psql -v ON_ERROR_STOP=1 -f base.sql postgres
psql -v ON_ERROR_STOP=1 -f plain-index.sql postgres
VARIANTS=${VARIANTS:-bytime byhash byid}
for v in $VARIANTS; do psql -v ON_ERROR_STOP=1 -f "$v.sql" postgres; done
run() { pgbench -n -M prepared -c 8 -j 2 -T 15 -f "$1" postgres 2>&1 | grep -E '^tps|latency average' | tr '\n' ' '; echo; }
for q in hist bal rcpt part30; do
  for v in public $VARIANTS; do echo -n "$q $v: "; run "$q-$v.sql"; done
done
for v in plain $VARIANTS; do echo -n "write $v: "; run "w-$v.sql"; done
psql -c '\timing on' -c "begin" -c "delete from public.ledger_entry where created_at < date_trunc('month', now() - interval '12 months')" -c "rollback" \
     -c "begin" -c "alter table bytime.ledger_entry detach partition bytime.ledger_entry_$(date -d '-13 months' +%Y%m)" -c "rollback" \
     -c "begin" -c "alter table byid.ledger_entry detach partition byid.ledger_entry_1" -c "rollback" postgres
