-- Cheaper rows: the symbol index (exchange, tradingsymbol, tick_timestamp, ingest_sequence) cost the server
-- about 3 to 6 us of CPU per inserted tick, more than the primary key, and the exchange/time and
-- (tick_timestamp, ingest_sequence) b-trees 1 to 3 us more. Queries by symbol now find their instrument
-- tokens in tick_symbols and read the primary key. Queries by exchange or by time alone read a b-tree on
-- tick_timestamp alone: in time order, with an incremental sort by ingest_sequence within each timestamp, so
-- their cost follows the limit, not the range. Kite's timestamps repeat within a second, and b-tree
-- deduplication keeps such an index about as cheap per row as a BRIN (which would make those queries read
-- and sort their whole range); see docs/BENCHMARKS.md.
--
-- tick_symbols holds every (exchange, tradingsymbol, instrument_token) that a stored tick carried. A symbol
-- whose token changed (a contract re-listed under a new token) has one row per token; the writer adds the
-- pairs it has not seen yet in the same transaction as the ticks, so the table is never behind them.
-- Ticks without an exchange or a symbol have no row (a query by symbol cannot name them).
--
-- Safe on a table that already holds ticks: writers are held off (SHARE ROW EXCLUSIVE) while the table is
-- filled from them (one pass over kite_ticks_data), so no tick committed meanwhile is missed. Flyway serialises concurrent starts.
LOCK TABLE kite_ticks_data IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE tick_symbols (
    exchange         TEXT   NOT NULL,
    tradingsymbol    TEXT   NOT NULL,
    instrument_token BIGINT NOT NULL,
    CONSTRAINT tick_symbols_pkey PRIMARY KEY (exchange, tradingsymbol, instrument_token)
);

INSERT INTO tick_symbols (exchange, tradingsymbol, instrument_token)
SELECT DISTINCT exchange, tradingsymbol, instrument_token
FROM kite_ticks_data
WHERE exchange IS NOT NULL AND tradingsymbol IS NOT NULL;

CREATE INDEX kite_ticks_timestamp_idx ON kite_ticks_data (tick_timestamp);

DROP INDEX kite_ticks_symbol_time_idx;
DROP INDEX kite_ticks_exchange_time_idx;
DROP INDEX kite_ticks_time_idx;
