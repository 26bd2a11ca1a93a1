-- Ticks as received (seed 000's kite_ticks_data) plus the decoded fields. Prices are exact integers at
-- price_scale (2 = paise). tick_timestamp is the tick's event time: the exchange timestamp when the feed
-- gave one, else the receive time. raw_tick_data is NULL when the source kept no raw packet.
--
-- The natural key (instrument_token, tick_timestamp, ingest_sequence, receive_ts) never merges two
-- distinct ticks: one engine run gives every tick its own ingest_sequence, and runs are told apart by
-- receive_ts, the millisecond the source received the tick (a restarted engine counts from 1 again).
-- A tick written twice (a retried batch, a replayed spill) has the same key and is stored once. The
-- seed's key (instrument_token, tick_timestamp) would reject ticks sharing Kite's 1-second timestamps.
CREATE TABLE kite_ticks_data (
    instrument_token    BIGINT           NOT NULL,
    tradingsymbol       TEXT,
    exchange            TEXT,
    tick_timestamp      TIMESTAMPTZ      NOT NULL,
    ingest_sequence     BIGINT           NOT NULL,
    receive_ts          TIMESTAMPTZ      NOT NULL,
    raw_tick_data       BYTEA,
    exchange_ts         TIMESTAMPTZ,
    last_trade_time     TIMESTAMPTZ,
    feed_sequence       BIGINT,
    mode                TEXT             NOT NULL,
    tradable            BOOLEAN          NOT NULL,
    price_scale         SMALLINT         NOT NULL,
    last_price          BIGINT           NOT NULL,
    last_quantity       BIGINT           NOT NULL,
    average_price       BIGINT           NOT NULL,
    volume              BIGINT           NOT NULL,
    total_buy_quantity  BIGINT           NOT NULL,
    total_sell_quantity BIGINT           NOT NULL,
    day_open            BIGINT           NOT NULL,
    day_high            BIGINT           NOT NULL,
    day_low             BIGINT           NOT NULL,
    prev_close          BIGINT           NOT NULL,
    change              BIGINT           NOT NULL,
    open_interest       BIGINT           NOT NULL,
    oi_day_high         BIGINT           NOT NULL,
    oi_day_low          BIGINT           NOT NULL,
    oi_change_percent   DOUBLE PRECISION,
    upper_circuit       BIGINT           NOT NULL,
    lower_circuit       BIGINT           NOT NULL,
    week52_high         BIGINT           NOT NULL,
    week52_low          BIGINT           NOT NULL,
    bid_price           BIGINT[],
    bid_quantity        BIGINT[],
    bid_orders          INTEGER[],
    ask_price           BIGINT[],
    ask_quantity        BIGINT[],
    ask_orders          INTEGER[],
    CONSTRAINT kite_ticks_data_pkey PRIMARY KEY (instrument_token, tick_timestamp, ingest_sequence, receive_ts)
);

-- The primary key serves queries by token; these serve the seed's other repository queries. Each
-- ends with ingest_sequence so results come out in (time, sequence) order without a sort.
CREATE INDEX kite_ticks_symbol_time_idx ON kite_ticks_data (exchange, tradingsymbol, tick_timestamp, ingest_sequence);
CREATE INDEX kite_ticks_exchange_time_idx ON kite_ticks_data (exchange, tick_timestamp, ingest_sequence);
CREATE INDEX kite_ticks_time_idx ON kite_ticks_data (tick_timestamp, ingest_sequence);
