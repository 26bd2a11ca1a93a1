/**
 * Redis cache for tickengine (Lettuce): intraday tick history, latest ticks, candles, pub/sub fan-out
 * and a Redis-fed {@link io.tickengine.core.source.TickSource}. Start at
 * {@link io.tickengine.cache.redis.RedisCache}. Every name below is preceded by the configured key
 * prefix; all times are epoch milliseconds UTC, trading dates are IST.
 *
 * <table>
 * <caption>Key layout</caption>
 * <tr><th>Key or channel</th><th>Type</th><th>Content</th></tr>
 * <tr><td>{@code ticks:{date}:{symbol}}</td><td>Stream</td><td>One entry per tick, ID
 *   {@code <eventTime>-<ingestSequence>}, field {@code d} = a one-tick {@link io.tickengine.core.codec.TickCodec}
 *   frame. TTL 2 days, set when the key is created (EXPIRE NX with its first write, asserted again at most
 *   once a minute in case the key was deleted and recreated). "Since" queries are XRANGE from a time.
 *   Ticks of the same millisecond are all kept (they differ in sequence); a tick older than the stream's
 *   last entry is filed under that entry's millisecond with the next sequence (its own time is in the frame).
 *   A symbol-less tick uses its token as the symbol.</td></tr>
 * <tr><td>{@code ticks:{date}:{symbol}} with {@code legacyTickList}</td><td>List</td><td>Seed 000's TickDto
 *   JSON per tick (RPUSH), prices as exact decimal literals, timestamp ISO-8601 at +05:30; same TTL rule.
 *   Order-book-only ticks ({@code TickMode.DEPTH}) have no entry here.</td></tr>
 * <tr><td>{@code tick:latest:{token}}</td><td>String</td><td>One-tick codec frame; TTL 1 day. Conflated per
 *   instrument and written at most every 100 ms ({@code latestTickInterval}). Only ticks with a trade price:
 *   an order-book-only tick ({@code TickMode.DEPTH}) never replaces it.</td></tr>
 * <tr><td>{@code ticks:{token}}</td><td>channel</td><td>A codec frame of that instrument's ticks, published
 *   every 100 ms or 1000 buffered ticks.</td></tr>
 * <tr><td>{@code candle:{interval}:latest:{exchange}:{token}}</td><td>String</td><td>Candle JSON; TTL 30 min
 *   (at least two intervals).</td></tr>
 * <tr><td>{@code candle:{interval}:stream:{exchange}:{token}}</td><td>Stream</td><td>ID
 *   {@code <bucketStart>-<revision>}, field {@code c} = candle JSON; MAXLEN ~3600; TTL 2 days from the last write.</td></tr>
 * <tr><td>{@code pub:candle:{interval}:{exchange}:{token}}</td><td>channel</td><td>Candle JSON.</td></tr>
 * <tr><td>{@code instruments:nse:indices}, {@code instruments:nse:stocks}</td><td>List</td><td>Instrument JSON
 *   (seed 000's InstrumentInfo fields and the rest); TTL 1 day.</td></tr>
 * </table>
 *
 * <p>Candle JSON: {@code {"token":408065,"exchange":"NSE","interval":"1s","ts":1732000000000,"scale":2,
 * "open":"1573.70","high":"1574.00","low":"1573.50","close":"1573.90","volume":1200,"ticks":7,"rev":0}};
 * prices are exact decimal strings. An exchange-less candle uses {@code NA} in its key names.
 *
 * <p>Writing: a tick batch is one pipeline of plain commands, flushed in runs of 128 as they are
 * built and awaited once: an XADD per tick (one RPUSH per key in the List layout, all in one
 * MULTI/EXEC), EXPIRE NX right after a key's first write, SET of the conflated latest ticks and
 * PUBLISH of the buffered frames. Candles are pipelined with one flush per batch. {@code internal}
 * is not API.
 */
package io.tickengine.cache.redis;
