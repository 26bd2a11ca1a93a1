package io.tickengine.kite.ws.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.FeedCounters;
import io.tickengine.feed.ws.ListenerDelivery;
import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.parse.KiteTextFrameParser;
import io.tickengine.kite.parse.MalformedFrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Kite frames into listener calls on the socket's read thread: decode, count, hand over through
 * the shared {@link ListenerDelivery}. Thread-safe; each connection passes its own parser.
 */
public final class FrameDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDelivery.class);

    private final ListenerDelivery delivery;
    private final Counters counters;
    private final FeedCounters feed;
    private final Clock clock;
    private final KiteTextFrameParser textParser;

    /** Delivery into {@code listener} for the source named {@code source}. */
    public FrameDelivery(String source, TickListener listener, Counters counters, Clock clock) {
        this.delivery = new ListenerDelivery(source, listener, counters.feed());
        this.counters = counters;
        this.feed = counters.feed();
        this.clock = clock;
        this.textParser = new KiteTextFrameParser(source);
    }

    /** Decodes a binary frame with the connection's parser and hands its ticks to the listener. */
    public void binary(KiteFrameParser parser, ByteBuffer frame) {
        counters.frames.incrementAndGet();
        feed.received(clock.millis());
        if (KiteFrameParser.isHeartbeat(frame)) {
            counters.heartbeats.incrementAndGet();
            return;
        }
        List<Tick> ticks = new ArrayList<>();
        long skippedBefore = parser.skippedPackets();
        try {
            parser.parse(frame, ticks);
        } catch (MalformedFrameException e) {
            delivery.malformed("malformed frame, {} good ticks kept: {}; frame: {}", ticks.size(), e.getMessage(),
                    e.hexDump());
        } catch (RuntimeException e) {
            delivery.parserFailed("frame", frame.remaining(), e);
        }
        feed.skipped(parser.skippedPackets() - skippedBefore);
        delivery.ticks(ticks);
    }

    /** Reads a text frame and hands the message to the listener; malformed text is counted and ignored. */
    public void text(String text) {
        counters.frames.incrementAndGet();
        feed.textMessage();
        long now = clock.millis();
        feed.received(now);
        SourceMessage message = textParser.parse(text, now);
        if (message == null) {
            feed.parseError();
            return;
        }
        if ("error".equals(message.type())) {
            LOG.warn("{}: Kite error message: {}", delivery.source(), message.payload());
        }
        delivery.message(message);
    }
}
