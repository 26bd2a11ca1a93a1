#!/usr/bin/env bash
# What the history queries cost with V1's indexes (symbol, exchange/time and time b-trees) and with V3's
# (primary key, time b-tree, symbols through tick_symbols): the same rows in two databases, each query
# run three times, the best execution time and the buffers it touched (EXPLAIN ANALYZE). The rows:
# 500 instruments on NSE (10 of them on BSE), 500 ticks per second for ROWS / 500 seconds. Works in its own
# databases, dropped at the end; changes no server setting.
#
#   tick-bench/scripts/pg-query-costs.sh [rows=1000000] [host] [port] [user]
set -euo pipefail
ROWS=${1:-1000000}; HOST=${2:-127.0.0.1}; PORT=${3:-5432}; USER=${4:-postgres}
MIGRATIONS=$(dirname "$0")/../../tick-store-timescale/src/main/resources/db/tickengine/timescale
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$USER")
V1=tick_query_v1_$$; V3=tick_query_v3_$$
cleanup() { for d in $V1 $V3; do "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null; done; }
trap cleanup EXIT

load() { # database, migrations to apply after the rows
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $1"
    "${PSQL[@]}" -d "$1" -f "$MIGRATIONS/V1__ticks.sql"
    "${PSQL[@]}" -d "$1" -v rows="$ROWS" -v bse=10 -f "$(dirname "$0")/sample-ticks.sql"
    for m in "${@:2}"; do "${PSQL[@]}" -1 -d "$1" -f "$MIGRATIONS/$m"; done  # each in one transaction, as Flyway runs it
    "${PSQL[@]}" -d "$1" -c "VACUUM ANALYZE kite_ticks_data" -c "CHECKPOINT"
}

COLS="instrument_token, tradingsymbol, exchange, tick_timestamp, ingest_sequence, receive_ts, raw_tick_data, last_price, bid_price"
FROM_ALL="'2024-11-19 04:00:00+00'"; TO_ALL="'2100-01-01 00:00:00+00'"
FROM_MIN="'2024-11-19 04:05:00+00'"; TO_MIN="'2024-11-19 04:06:00+00'"
RANGE_ALL="tick_timestamp >= $FROM_ALL AND tick_timestamp < $TO_ALL ORDER BY tick_timestamp, ingest_sequence LIMIT 100"
RANGE_MIN="tick_timestamp >= $FROM_MIN AND tick_timestamp < $TO_MIN ORDER BY tick_timestamp, ingest_sequence LIMIT 100"
symbol_v1() { echo "SELECT $COLS FROM kite_ticks_data WHERE exchange = 'NSE' AND tradingsymbol = 'SYM13' AND $1"; }
symbol_v3() {
    echo "SELECT k.* FROM tick_symbols s CROSS JOIN LATERAL (SELECT $COLS FROM kite_ticks_data t
          WHERE t.instrument_token = s.instrument_token AND t.exchange = s.exchange AND t.tradingsymbol = s.tradingsymbol
          AND $1) k WHERE s.exchange = 'NSE' AND s.tradingsymbol = 'SYM13' ORDER BY k.tick_timestamp, k.ingest_sequence LIMIT 100"
}

measure() { # label, database, query
    local best="" buffers="" node=""
    for _ in 1 2 3; do
        out=$("${PSQL[@]}" -d "$2" -At -c "EXPLAIN (ANALYZE, BUFFERS) $3")
        t=$(grep -oP 'Execution Time: \K[0-9.]+' <<<"$out")
        if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
            buffers=$(grep -m1 -oP 'Buffers: \K.*' <<<"$out" || true)
            node=$(grep -m1 -oP '(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) \K\S+' <<<"$out" || true)
        fi
    done
    printf "%-44s %9s ms  %-28s %s\n" "$1" "$best" "$node" "$buffers"
}

load "$V1"
load "$V3" V2__candles.sql V3__symbol_table.sql
echo "$ROWS rows, load $(cut -d' ' -f1-3 /proc/loadavg)"
for v in V1 V3; do
    db=$V1; [[ $v == V3 ]] && db=$V3
    if [[ $v == V1 ]]; then s_all=$(symbol_v1 "$RANGE_ALL"); s_min=$(symbol_v1 "$RANGE_MIN")
    else s_all=$(symbol_v3 "$RANGE_ALL"); s_min=$(symbol_v3 "$RANGE_MIN"); fi
    measure "$v symbol, whole range, limit 100" "$db" "$s_all"
    measure "$v symbol, one minute, limit 100" "$db" "$s_min"
    measure "$v token, whole range, limit 100" "$db" "SELECT $COLS FROM kite_ticks_data WHERE instrument_token = 259593 AND $RANGE_ALL"
    measure "$v exchange NSE, whole range, limit 100" "$db" "SELECT $COLS FROM kite_ticks_data WHERE exchange = 'NSE' AND $RANGE_ALL"
    measure "$v exchange BSE, whole range, limit 100" "$db" "SELECT $COLS FROM kite_ticks_data WHERE exchange = 'BSE' AND $RANGE_ALL"
    measure "$v exchange NSE, one minute, limit 100" "$db" "SELECT $COLS FROM kite_ticks_data WHERE exchange = 'NSE' AND $RANGE_MIN"
    measure "$v all, whole range, limit 100" "$db" "SELECT $COLS FROM kite_ticks_data WHERE $RANGE_ALL"
    measure "$v all, one minute, limit 100" "$db" "SELECT $COLS FROM kite_ticks_data WHERE $RANGE_MIN"
done
