#!/usr/bin/env bash
# The partitioning migrations (V47-V53) on a live table (docs/scaling.md "Partitioning", docs/benchmarks.md): a database
# at V46 with N purchases (default 3 000 000), then V47, then the app's purchase write from 4 clients while V48-V53 run.
# Prints each migration's time, the slowest write that finished while it ran, failed writes and pgbench's per-second
# progress: the swap (V52) must not stop the writes for longer than its catalogue changes take. Needs a running PostgreSQL and Debian's psql/pgbench:
#   PGHOST=/path/to/socket PGPORT=16001 PGUSER=postgres bench/partitioning/live-migration.sh [N]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-3000000}
migrations=../../src/main/resources/db/migration
psql -q -c "drop database if exists live" -c "create database live" postgres
log=$(mktemp -d)
apply() {
  local f; f=$(ls "$migrations"/V"$1"__*.sql)
  local t0; t0=$(date +%s%N)
  echo "$1 $t0" >> "$log/started"
  # V49 builds its indexes concurrently, which cannot run in a transaction
  if grep -q concurrently "$f"; then psql -q -v ON_ERROR_STOP=1 -f "$f" live >/dev/null; else psql -q -v ON_ERROR_STOP=1 -1 -f "$f" live >/dev/null; fi
  echo "$1 $(date +%s%N)" >> "$log/ended"
  echo "V$1 $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
for v in $(seq 1 46); do apply "$v" >/dev/null 2>&1 || apply "$v"; done
rm -f "$log/started" "$log/ended"
psql -q -v ON_ERROR_STOP=1 -v n="$n" -f live-data.sql live
apply 47
(cd "$log" && pgbench -n -M prepared -c 4 -j 2 -T 90 -P 1 -l -f "$OLDPWD/live-write.sql" live > "$log/pgbench.out" 2>&1) &
bench=$!
sleep 5
for v in 48 49 50 51 52 53; do apply "$v"; done
wait $bench
grep -E "^progress|^tps|failed|aborted|latency" "$log/pgbench.out"
# the slowest write that finished while each migration ran (pgbench's log: client, no, latency us, script, epoch s, us)
join <(sort "$log/started") <(sort "$log/ended") | while read -r v s e; do
  cat "$log"/pgbench_log.* | awk -v v="$v" -v s="$s" -v e="$e" '
    { end = $5 * 1e9 + $6 * 1e3; if (end >= s && end <= e + 1e8) { n++; if ($3 > max) max = $3 } }
    END { printf "V%s: %d writes finished while it ran, the slowest took %.1f ms\n", v, n, max / 1000 }'
done
psql -c "select parent, partition, lower, upper from id_range order by parent, upper" \
     -c "select tableoid::regclass, count(*) from purchase group by 1" live
