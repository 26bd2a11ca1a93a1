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
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Kite binary frames. {@link #forEachPacket} walks a frame with a reused {@link KitePacketView}
 * that reads numbers in place and allocates nothing per packet; {@link #parse} builds one immutable
 * {@link Tick} per packet from that view, reusing one tick and one depth builder. One instance serves
 * one thread (one per connection). Unknown packet lengths and segments are skipped and counted, never
 * guessed at.
 */
public final class KiteFrameParser {
    private static final Logger LOG = LoggerFactory.getLogger(KiteFrameParser.class);

    private final KiteParserOptions options;
    private final LongFunction<Instrument> lookup;
    private final KitePacketView view = new KitePacketView();
    private final Tick.Builder tick = Tick.builder();
    private final Depth.Builder depth = Depth.builder(DEPTH_LEVELS);
    private final Consumer<KitePacketView> toTick = this::addTick;
    private List<Tick> out;
    private long receivedAt;
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
        this.out = Objects.requireNonNull(out, "out");
        this.receivedAt = options.clock().millis();
        try {
            return forEachPacket(frame, toTick);
        } finally {
            this.out = null;
        }
    }

    /**
     * Hands every packet of the frame to {@code consumer} as the same reused view, in order, without
     * allocating per packet; the view is valid only during the call. The buffer's position does not
     * move. Heartbeats yield nothing; unknown lengths and segments are skipped and counted.
     *
     * @return the number of packets handed over
     * @throws MalformedFrameException when the frame is damaged; packets before the damage (and, for a
     *     packet that contradicts its segment, after it) have been handed over
     */
    public int forEachPacket(ByteBuffer frame, Consumer<? super KitePacketView> consumer) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(consumer, "consumer");
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
        int offset = COUNT_BYTES;
        int delivered = 0;
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
            offset = start + length;
            if (!KitePacketView.knownLength(length)) {
                skip("unknown packet length " + length);
                continue;
            }
            long token = Integer.toUnsignedLong(buf.getInt(base + start + TOKEN));
            KiteSegment segment = KiteSegment.ofToken(token);
            if (segment == null) {
                skip("unknown segment " + (token & 0xFF) + " of token " + token);
                continue;
            }
            boolean indexLength = KitePacketView.indexLength(length);
            if (indexLength == segment.tradable() && length != LTP_LENGTH) {
                if (contradiction == null) {
                    contradiction = new MalformedFrameException("packet " + i + " of " + count + " has length "
                            + length + " but token segment " + segment.code(), start - LENGTH_BYTES, frame);
                }
                continue;
            }
            view.wrap(buf, base + start, length, token, segment);
            consumer.accept(view);
            delivered++;
        }
        if (offset != size) {
            throw new MalformedFrameException((size - offset) + " trailing bytes after " + count + " packets",
                    offset, frame);
        }
        if (contradiction != null) {
            throw contradiction;
        }
        return delivered;
    }

    private void addTick(KitePacketView p) {
        Instrument instrument = find(p.token());
        KiteSegment segment = p.segment();
        Exchange exchange = segment.tradable() || instrument == null ? segment.exchange() : instrument.exchange();
        tick.reset()
                .instrumentToken(p.token())
                .exchange(exchange)
                .tradingSymbol(instrument == null ? null : instrument.tradingSymbol())
                .tradable(segment.tradable())
                .priceScale(segment.priceScale())
                .receiveTimestamp(receivedAt)
                .mode(p.mode())
                .lastPrice(p.lastPrice());
        if (p.mode() != TickMode.LTP) {
            tick.open(p.open()).high(p.high()).low(p.low()).close(p.close())
                    .lastQuantity(p.lastQuantity())
                    .averagePrice(p.averagePrice())
                    .volume(p.volume())
                    .totalBuyQuantity(p.totalBuyQuantity())
                    .totalSellQuantity(p.totalSellQuantity())
                    .exchangeTimestamp(p.exchangeTimestamp());
            if (p.hasChange()) {
                tick.change(p.change());
            }
        }
        if (p.isFull()) {
            tick.lastTradeTime(p.lastTradeTime())
                    .openInterest(p.openInterest())
                    .openInterestDayHigh(p.openInterestDayHigh())
                    .openInterestDayLow(p.openInterestDayLow())
                    .depth(depthOf(p));
        }
        if (options.keepRawPackets()) {
            tick.rawPacket(p.copyBytes());
        }
        out.add(tick.build());
    }

    private Depth depthOf(KitePacketView p) {
        depth.clear();
        for (int level = 0; level < p.depthLevels(); level++) {
            depth.bid(p.bidPrice(level), p.bidQuantity(level), p.bidOrders(level));
        }
        for (int level = 0; level < p.depthLevels(); level++) {
            depth.ask(p.askPrice(level), p.askQuantity(level), p.askOrders(level));
        }
        return depth.build();
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

    private void skip(String why) {
        skippedPackets++;
        if (!loggedSkip) {
            loggedSkip = true;
            LOG.info("Skipping Kite packet: {} (logged once per parser; see the skipped-packet count)", why);
        }
    }
}
