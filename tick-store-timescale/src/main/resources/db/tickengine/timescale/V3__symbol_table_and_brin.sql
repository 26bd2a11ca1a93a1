-- Cheaper rows: the symbol index (exchange, tradingsymbol, tick_timestamp, ingest_sequence) cost the server
-- about 3 to 6 us of CPU per inserted tick, more than the primary key, and the two time b-trees 1 to 2 us
-- more. Queries by symbol now find their instrument tokens in tick_symbols and read the primary key; queries
-- by exchange or by time read a BRIN index on tick_timestamp (ticks arrive in time order, so each block
-- range covers a narrow span of time).
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

-- autosummarize: a block range is summarised by autovacuum once it is full, not only at the next VACUUM,
-- so the unsummarised tail that every query must read stays short.
CREATE INDEX kite_ticks_time_brin ON kite_ticks_data USING brin (tick_timestamp) WITH (autosummarize = on);

DROP INDEX kite_ticks_symbol_time_idx;
DROP INDEX kite_ticks_exchange_time_idx;
DROP INDEX kite_ticks_time_idx;
