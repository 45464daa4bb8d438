#!/usr/bin/env bash
# The partitioning migrations (V47-V53) on a live table (docs/scaling.md "Partitioning", docs/benchmarks.md): a database
# at V46 with N purchases (default 3 000 000), then V47, then the app's purchase write from 4 clients while V48-V53 run.
# Prints each migration's time and pgbench's per-second progress: the swap (V52) must not stop the writes for longer
# than its catalogue changes take. Needs a running PostgreSQL and Debian's psql/pgbench:
#   PGHOST=/path/to/socket PGPORT=16001 PGUSER=postgres bench/partitioning/live-migration.sh [N]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-3000000}
migrations=../../src/main/resources/db/migration
psql -q -c "drop database if exists live" -c "create database live" postgres
apply() {
  local f; f=$(ls "$migrations"/V"$1"__*.sql)
  local t0; t0=$(date +%s%N)
  # V49 builds its indexes concurrently, which cannot run in a transaction
  if grep -q concurrently "$f"; then psql -q -v ON_ERROR_STOP=1 -f "$f" live >/dev/null; else psql -q -v ON_ERROR_STOP=1 -1 -f "$f" live >/dev/null; fi
  echo "V$1 $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
for v in $(seq 1 46); do apply "$v" >/dev/null 2>&1 || apply "$v"; done
psql -q -v ON_ERROR_STOP=1 -v n="$n" -f live-data.sql live
apply 47
pgbench -n -M prepared -c 4 -j 2 -T 90 -P 1 -f live-write.sql live > /tmp/live-pgbench.log 2>&1 &
bench=$!
sleep 5
for v in 48 49 50 51 52 53; do apply "$v"; done
wait $bench
grep -E "^progress|^tps|failed|aborted|latency" /tmp/live-pgbench.log
psql -c "select parent, partition, lower, upper from id_range order by parent, upper" \
     -c "select tableoid::regclass, count(*) from purchase group by 1" live
