-- Full-mode ticks in TimescaleStoreBenchmark's shape, for the scripts beside this file: 500 instruments,
-- 500 ticks per second from 2024-11-19 04:00 UTC, 5-level depth, a 184-byte raw packet. psql variables:
-- rows (how many), bse (instruments 0 to bse - 1 are on BSE, the rest on NSE).
INSERT INTO kite_ticks_data
SELECT 256265 + (i % 500) * 256, 'SYM' || (i % 500), CASE WHEN i % 500 < :bse THEN 'BSE' ELSE 'NSE' END,
       to_timestamp(1731988800 + i / 500), i + 1, to_timestamp(1731988800 + i / 500) + ((i % 1000) || ' ms')::interval,
       set_byte(decode(repeat('00', 184), 'hex'), 0, i % 256),
       to_timestamp(1731988800 + i / 500), to_timestamp(1731988800 + i / 500), NULL,
       'FULL', true, 2, p, 10, p - 3, 1000000 + i, 5000, 6000, 149000, 152000, 148000, 149500, 500, i, 0, 0,
       NULL, 0, 0, 0, 0,
       ARRAY[p - 5, p - 10, p - 15, p - 20, p - 25], ARRAY[100, 101, 102, 103, 104]::bigint[], ARRAY[1, 2, 3, 4, 5],
       ARRAY[p + 5, p + 10, p + 15, p + 20, p + 25], ARRAY[200, 201, 202, 203, 204]::bigint[], ARRAY[2, 3, 4, 5, 6]
FROM generate_series(0, :rows - 1) i, LATERAL (SELECT (150000 + i % 5000)::bigint AS p) x;
