#!/usr/bin/env bash
# What each part of kite_ticks_data costs a psql \copy: the heap alone, the primary key, each secondary
# index, and the row's width (depth arrays, raw packet). Loads the same 300,000 full-mode rows into
# variants of the table and prints wall-clock rows/s, the backend's CPU time per row (from /proc, so the
# server must run on this machine) and WAL bytes per row. CPU per row is the figure to compare on a
# shared machine. Works in its own database, dropped at the end; changes no server setting.
#
#   tick-bench/scripts/pg-index-costs.sh [host] [port] [user]
set -euo pipefail
HOST=${1:-127.0.0.1}; PORT=${2:-5432}; USER=${3:-postgres}
DB=tick_index_costs_$$
WORK=$(mktemp -d)
SCHEMA=$(dirname "$0")/../../tick-store-timescale/src/main/resources/db/tickengine/timescale/V1__ticks.sql
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$USER")
cleanup() { "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" -f "$SCHEMA"
"${PSQL[@]}" -d "$DB" -v rows=300000 -v bse=0 -f "$(dirname "$0")/sample-ticks.sql"
"${PSQL[@]}" -d "$DB" <<SQL
\copy (SELECT * FROM kite_ticks_data) TO '$WORK/full.bin' WITH (FORMAT binary)
CREATE TABLE narrow AS SELECT * FROM kite_ticks_data;
UPDATE narrow SET bid_price = NULL, bid_quantity = NULL, bid_orders = NULL, ask_price = NULL,
                  ask_quantity = NULL, ask_orders = NULL;
\copy narrow TO '$WORK/nodepth.bin' WITH (FORMAT binary)
UPDATE narrow SET raw_tick_data = NULL;
\copy narrow TO '$WORK/bare.bin' WITH (FORMAT binary)
DROP TABLE narrow;
SQL

PK="ALTER TABLE t ADD PRIMARY KEY (instrument_token, tick_timestamp, ingest_sequence, receive_ts)"
SYM="CREATE INDEX ON t (exchange, tradingsymbol, tick_timestamp, ingest_sequence)"
EXC="CREATE INDEX ON t (exchange, tick_timestamp, ingest_sequence)"
TIM="CREATE INDEX ON t (tick_timestamp, ingest_sequence)"
BRIN="CREATE INDEX ON t USING brin (tick_timestamp) WITH (autosummarize = on)"
TIME1="CREATE INDEX ON t (tick_timestamp)"

variant() { # name, file, DDL run after CREATE TABLE t (LIKE kite_ticks_data)
    "${PSQL[@]}" -d "$DB" -c "DROP TABLE IF EXISTS t" -c "CREATE TABLE t (LIKE kite_ticks_data INCLUDING DEFAULTS)" \
        -c "$3" -c "CHECKPOINT" >/dev/null 2>&1
    "${PSQL[@]}" -d "$DB" -At <<SQL > "$WORK/out"
SELECT pg_backend_pid() AS pid, pg_current_wal_insert_lsn() AS lsn0, extract(epoch FROM clock_timestamp()) AS t0 \gset
\setenv BACKEND_PID :pid
\! cut -d' ' -f14,15 /proc/\$BACKEND_PID/stat > $WORK/cpu0
\copy t FROM '$WORK/$2' WITH (FORMAT binary)
\! cut -d' ' -f14,15 /proc/\$BACKEND_PID/stat > $WORK/cpu1
SELECT count(*), extract(epoch FROM clock_timestamp()) - :t0, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'lsn0') FROM t;
SQL
    IFS='|' read -r rows wall wal < "$WORK/out"
    cpu=$(( $(awk '{print $1 + $2}' "$WORK/cpu1") - $(awk '{print $1 + $2}' "$WORK/cpu0") ))
    awk -v name="$1" -v rows="$rows" -v wall="$wall" -v cpu="$cpu" -v wal="$wal" -v la="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN { printf "%-34s %8.0f rows/s  %5.1f us CPU/row  %8.0f rows per CPU s  %5.0f B WAL/row  load %s\n",
                 name, rows / wall, cpu * 10000 / rows, rows * 100 / cpu, wal / rows, la }'
}

variant "heap only" full.bin "SELECT 1"
variant "primary key" full.bin "$PK"
variant "primary key + BRIN(time)" full.bin "$PK; $BRIN"
variant "V3: primary key + b-tree(time)" full.bin "$PK; $TIME1"
variant "primary key + b-tree(time, sequence)" full.bin "$PK; $TIM"
variant "primary key + exchange/time" full.bin "$PK; $EXC"
variant "primary key + symbol" full.bin "$PK; $SYM"
variant "primary key + symbol + BRIN(time)" full.bin "$PK; $SYM; $BRIN"
variant "V1: primary key + 3 indexes" full.bin "$PK; $SYM; $EXC; $TIM"
variant "V1 without depth arrays" nodepth.bin "$PK; $SYM; $EXC; $TIM"
variant "V1 without depth and raw packet" bare.bin "$PK; $SYM; $EXC; $TIM"
