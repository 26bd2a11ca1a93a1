package io.tickengine.kite.parse;

import static io.tickengine.kite.parse.KiteLayout.*;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.Instrument;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Kite binary frames into {@link Tick}s. It reads numbers in place from the frame with
 * big-endian absolute gets and reuses one tick and one depth builder, so one instance serves one
 * thread (one per connection). Unknown packet lengths and segments are skipped and counted, never
 * guessed at.
 */
public final class KiteFrameParser {
    private static final Logger LOG = LoggerFactory.getLogger(KiteFrameParser.class);
    private static final int DECODED = 1;
    private static final int SKIPPED = 0;
    private static final int CONTRADICTS_SEGMENT = -1;

    private final KiteParserOptions options;
    private final LongFunction<Instrument> lookup;
    private final Tick.Builder tick = Tick.builder();
    private final Depth.Builder depth = Depth.builder(DEPTH_LEVELS);
    private long skippedPackets;
    private boolean loggedSkip;
    private boolean loggedLookupFailure;

    /** A parser with the given options. */
    public KiteFrameParser(KiteParserOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.lookup = options.instrumentLookup();
    }

    /** Whether a frame is a heartbeat: Kite sends a 1-byte frame when idle, and anything under 2 bytes is one. */
    public static boolean isHeartbeat(ByteBuffer frame) {
        return frame.remaining() < COUNT_BYTES;
    }

    /** Packets skipped so far because their length or segment is unknown. */
    public long skippedPackets() {
        return skippedPackets;
    }

    /**
     * Decodes the frame between the buffer's position and limit, appending its ticks to {@code out} in
     * order; the buffer's position does not move. Heartbeats yield nothing.
     *
     * @return the number of ticks appended
     * @throws MalformedFrameException when the frame is damaged; every tick decoded before the damage
     *     (and, for a packet that contradicts its segment, after it) is already in {@code out}
     */
    public int parse(ByteBuffer frame, List<Tick> out) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(out, "out");
        int size = frame.remaining();
        if (size < COUNT_BYTES) {
            return 0;
        }
        ByteBuffer buf = frame.order() == ByteOrder.BIG_ENDIAN ? frame : frame.duplicate().order(ByteOrder.BIG_ENDIAN);
        int base = frame.position();
        int count = Short.toUnsignedInt(buf.getShort(base));
        if ((long) count * LENGTH_BYTES > size - COUNT_BYTES) {
            throw new MalformedFrameException("impossible packet count " + count + " for the frame size", 0, frame);
        }
        long now = options.clock().millis();
        int offset = COUNT_BYTES;
        int added = 0;
        MalformedFrameException contradiction = null;
        for (int i = 1; i <= count; i++) {
            if (size - offset < LENGTH_BYTES) {
                throw new MalformedFrameException("truncated frame: it ends before packet " + i + " of " + count,
                        offset, frame);
            }
            int length = Short.toUnsignedInt(buf.getShort(base + offset));
            int start = offset + LENGTH_BYTES;
            if (length > size - start) {
                throw new MalformedFrameException("packet " + i + " of " + count + " declares " + length
                        + " bytes but only " + (size - start) + " remain", offset, frame);
            }
            int result = decode(buf, base + start, length, now, out);
            if (result == DECODED) {
                added++;
            } else if (result == CONTRADICTS_SEGMENT && contradiction == null) {
                contradiction = new MalformedFrameException("packet " + i + " of " + count + " has length "
                        + length + " but token segment " + (buf.getInt(base + start) & 0xFF), offset, frame);
            }
            offset = start + length;
        }
        if (offset != size) {
            throw new MalformedFrameException((size - offset) + " trailing bytes after " + count + " packets",
                    offset, frame);
        }
        if (contradiction != null) {
            throw contradiction;
        }
        return added;
    }

    private int decode(ByteBuffer buf, int at, int length, long now, List<Tick> out) {
        if (length != LTP_LENGTH && length != INDEX_QUOTE_LENGTH && length != INDEX_FULL_LENGTH
                && length != QUOTE_LENGTH && length != FULL_LENGTH) {
            return skip("unknown packet length " + length);
        }
        long token = u32(buf, at + TOKEN);
        KiteSegment segment = KiteSegment.ofToken(token);
        if (segment == null) {
            return skip("unknown segment " + (token & 0xFF) + " of token " + token);
        }
        boolean indexLength = length == INDEX_QUOTE_LENGTH || length == INDEX_FULL_LENGTH;
        boolean tradableLength = length == QUOTE_LENGTH || length == FULL_LENGTH;
        if (indexLength && segment.tradable() || tradableLength && !segment.tradable()) {
            return CONTRADICTS_SEGMENT;
        }
        Instrument instrument = find(token);
        Exchange exchange = segment.tradable() || instrument == null ? segment.exchange() : instrument.exchange();
        tick.reset()
                .instrumentToken(token)
                .exchange(exchange)
                .tradingSymbol(instrument == null ? null : instrument.tradingSymbol())
                .tradable(segment.tradable())
                .priceScale(segment.priceScale())
                .receiveTimestamp(now)
                .lastPrice(buf.getInt(at + LAST_PRICE));
        if (length == LTP_LENGTH) {
            tick.mode(TickMode.LTP);
        } else if (indexLength) {
            decodeIndex(buf, at, length);
        } else {
            decodeTradable(buf, at, length);
        }
        if (options.keepRawPackets()) {
            byte[] raw = new byte[length];
            buf.get(at, raw);
            tick.rawPacket(raw);
        }
        out.add(tick.build());
        return DECODED;
    }

    private void decodeIndex(ByteBuffer buf, int at, int length) {
        tick.mode(length == INDEX_FULL_LENGTH ? TickMode.FULL : TickMode.QUOTE)
                .high(buf.getInt(at + INDEX_HIGH))
                .low(buf.getInt(at + INDEX_LOW))
                .open(buf.getInt(at + INDEX_OPEN))
                .close(buf.getInt(at + INDEX_CLOSE))
                .change(buf.getInt(at + INDEX_CHANGE));
        if (length == INDEX_FULL_LENGTH) {
            tick.exchangeTimestamp(millis(buf, at + INDEX_EXCHANGE_TIMESTAMP));
        }
    }

    private void decodeTradable(ByteBuffer buf, int at, int length) {
        tick.mode(length == FULL_LENGTH ? TickMode.FULL : TickMode.QUOTE)
                .lastQuantity(u32(buf, at + LAST_QUANTITY))
                .averagePrice(buf.getInt(at + AVERAGE_PRICE))
                .volume(u32(buf, at + VOLUME))
                .totalBuyQuantity(u32(buf, at + TOTAL_BUY_QUANTITY))
                .totalSellQuantity(u32(buf, at + TOTAL_SELL_QUANTITY))
                .open(buf.getInt(at + OPEN))
                .high(buf.getInt(at + HIGH))
                .low(buf.getInt(at + LOW))
                .close(buf.getInt(at + CLOSE));
        if (length != FULL_LENGTH) {
            return;
        }
        tick.lastTradeTime(millis(buf, at + LAST_TRADE_TIME))
                .openInterest(u32(buf, at + OPEN_INTEREST))
                .openInterestDayHigh(u32(buf, at + OPEN_INTEREST_DAY_HIGH))
                .openInterestDayLow(u32(buf, at + OPEN_INTEREST_DAY_LOW))
                .exchangeTimestamp(millis(buf, at + EXCHANGE_TIMESTAMP));
        depth.clear();
        for (int level = 0; level < DEPTH_LEVELS; level++) {
            int bid = at + DEPTH + level * DEPTH_ENTRY;
            depth.bid(buf.getInt(bid + DEPTH_PRICE), u32(buf, bid + DEPTH_QUANTITY),
                    Short.toUnsignedInt(buf.getShort(bid + DEPTH_ORDERS)));
        }
        for (int level = 0; level < DEPTH_LEVELS; level++) {
            int ask = at + DEPTH_ASKS + level * DEPTH_ENTRY;
            depth.ask(buf.getInt(ask + DEPTH_PRICE), u32(buf, ask + DEPTH_QUANTITY),
                    Short.toUnsignedInt(buf.getShort(ask + DEPTH_ORDERS)));
        }
        tick.depth(depth.build());
    }

    private Instrument find(long token) {
        if (lookup == null) {
            return null;
        }
        try {
            return lookup.apply(token);
        } catch (RuntimeException e) {
            if (!loggedLookupFailure) {
                loggedLookupFailure = true;
                LOG.warn("Instrument lookup failed for token {}; ticks go on without symbols (logged once)", token, e);
            }
            return null;
        }
    }

    private int skip(String why) {
        skippedPackets++;
        if (!loggedSkip) {
            loggedSkip = true;
            LOG.info("Skipping Kite packet: {} (logged once per parser; see the skipped-packet count)", why);
        }
        return SKIPPED;
    }

    private static long u32(ByteBuffer buf, int at) {
        return Integer.toUnsignedLong(buf.getInt(at));
    }

    /** A uint32 epoch-seconds field as epoch milliseconds; 0 (absent) stays 0. */
    private static long millis(ByteBuffer buf, int at) {
        return u32(buf, at) * MILLIS_PER_SECOND;
    }
}
