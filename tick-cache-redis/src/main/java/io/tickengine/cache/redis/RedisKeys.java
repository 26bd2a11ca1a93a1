package io.tickengine.cache.redis;

import io.tickengine.core.Exchange;
import io.tickengine.core.candle.CandleInterval;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The one place where key and channel names are made, so the prefix is applied everywhere. Names
 * follow the seeds: {@code ticks:{date}:{symbol}} (seed 000), {@code candle:1s:latest:{exchange}:{token}}
 * and friends (seed 003), {@code ticks:{token}} channels (seeds 002, 004). Immutable and thread-safe.
 */
public final class RedisKeys {
    /** Stands in for the exchange of a candle that has none. */
    public static final String NO_EXCHANGE = "NA";

    private final String prefix;

    private RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** Names under {@code prefix} ({@code ""} for none). */
    public static RedisKeys withPrefix(String prefix) {
        return new RedisKeys(Objects.requireNonNull(prefix, "prefix"));
    }

    /** The prefix of every name. */
    public String prefix() {
        return prefix;
    }

    /** Intraday tick history of one symbol on one IST trading date: {@code ticks:2025-12-08:NIFTY 50}. */
    public String tickHistory(LocalDate tradingDate, String symbol) {
        return prefix + "ticks:" + tradingDate + ':' + symbol;
    }

    /** The latest tick of an instrument: {@code tick:latest:256265}. */
    public String latestTick(long instrumentToken) {
        return prefix + "tick:latest:" + instrumentToken;
    }

    /** The pub/sub channel of an instrument's ticks: {@code ticks:256265}. */
    public String tickChannel(long instrumentToken) {
        return prefix + "ticks:" + instrumentToken;
    }

    /** The pattern matching every tick channel: {@code ticks:*}, with glob characters of the prefix escaped. */
    public String tickChannelPattern() {
        StringBuilder sb = new StringBuilder(prefix.length() + 8);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append("ticks:*").toString();
    }

    /** The instrument token of a tick channel name, or -1 when the name is not one. */
    public long tokenOfTickChannel(String channel) {
        String head = prefix + "ticks:";
        if (!channel.startsWith(head) || channel.length() == head.length()) {
            return -1;
        }
        try {
            return Long.parseLong(channel, head.length(), channel.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The latest candle: {@code candle:1s:latest:NSE:256265}. */
    public String latestCandle(CandleInterval interval, Exchange exchange, long instrumentToken) {
        return prefix + "candle:" + interval.label() + ":latest:" + exchange(exchange) + ':' + instrumentToken;
    }

    /** The capped stream of recent candles: {@code candle:1s:stream:NSE:256265}. */
    public String candleStream(CandleInterval interval, Exchange exchange, long instrumentToken) {
        return prefix + "candle:" + interval.label() + ":stream:" + exchange(exchange) + ':' + instrumentToken;
    }

    /** The candle channel: {@code pub:candle:1s:NSE:256265}. */
    public String candleChannel(CandleInterval interval, Exchange exchange, long instrumentToken) {
        return prefix + "pub:candle:" + interval.label() + ':' + exchange(exchange) + ':' + instrumentToken;
    }

    /** A cached instrument list: {@code instruments:nse:indices} or {@code instruments:nse:stocks}. */
    public String instruments(InstrumentList list) {
        return prefix + list.key();
    }

    private static String exchange(Exchange exchange) {
        return exchange == null ? NO_EXCHANGE : exchange.name();
    }

    @Override
    public String toString() {
        return "RedisKeys{prefix='" + prefix + "'}";
    }
}
