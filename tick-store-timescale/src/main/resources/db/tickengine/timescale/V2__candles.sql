-- One-second candles (seed 003): exact OHLC at price_scale, keyed by (exchange, token, bucket start).
-- exchange is '' when unknown, because it is part of the key. revision grows when late ticks change a
-- candle; writes keep the highest revision.
CREATE TABLE candles_1s (
    exchange         TEXT        NOT NULL,
    instrument_token BIGINT      NOT NULL,
    ts               TIMESTAMPTZ NOT NULL,
    price_scale      SMALLINT    NOT NULL,
    open             BIGINT      NOT NULL,
    high             BIGINT      NOT NULL,
    low              BIGINT      NOT NULL,
    close            BIGINT      NOT NULL,
    volume           BIGINT      NOT NULL,
    ticks_count      INTEGER     NOT NULL,
    revision         INTEGER     NOT NULL,
    CONSTRAINT candles_1s_pkey PRIMARY KEY (exchange, instrument_token, ts)
);
CREATE INDEX candles_1s_token_ts_idx ON candles_1s (instrument_token, ts);

-- Every coarser interval (5s, 1m, 15m, 1h, 1d, ...) in one table, told apart by interval_s (seconds).
CREATE TABLE candles (
    exchange         TEXT        NOT NULL,
    instrument_token BIGINT      NOT NULL,
    interval_s       INTEGER     NOT NULL CHECK (interval_s > 1),
    ts               TIMESTAMPTZ NOT NULL,
    price_scale      SMALLINT    NOT NULL,
    open             BIGINT      NOT NULL,
    high             BIGINT      NOT NULL,
    low              BIGINT      NOT NULL,
    close            BIGINT      NOT NULL,
    volume           BIGINT      NOT NULL,
    ticks_count      INTEGER     NOT NULL,
    revision         INTEGER     NOT NULL,
    CONSTRAINT candles_pkey PRIMARY KEY (exchange, instrument_token, interval_s, ts)
);
CREATE INDEX candles_token_interval_ts_idx ON candles (instrument_token, interval_s, ts);
