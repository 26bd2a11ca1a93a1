package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOnePacketParser;
import io.tickengine.angelone.parse.AngelOneTextFrames;
import io.tickengine.angelone.parse.MalformedPacketException;
import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.FeedCounters;
import io.tickengine.feed.ws.ListenerDelivery;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Angel One frames into listener calls on the socket's read thread: decode, count, hand over
 * through the shared {@link ListenerDelivery}; the connection goes on after malformed packets. Text
 * frames go to {@link TickListener#onMessage}, never to the parser.
 */
public final class FrameDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDelivery.class);

    private final ListenerDelivery delivery;
    private final Counters counters;
    private final FeedCounters feed;
    private final Clock clock;

    /** Delivery into {@code listener} for the source named {@code source}. */
    public FrameDelivery(String source, TickListener listener, Counters counters, Clock clock) {
        this.delivery = new ListenerDelivery(source, listener, counters.feed());
        this.counters = counters;
        this.feed = counters.feed();
        this.clock = clock;
    }

    /** Decodes a binary packet with the connection's parser and hands its tick to the listener. */
    public void binary(AngelOnePacketParser parser, ByteBuffer packet) {
        counters.packets.incrementAndGet();
        feed.received(clock.millis());
        Tick tick;
        long skippedBefore = parser.skippedPackets();
        try {
            tick = parser.parse(packet);
        } catch (MalformedPacketException e) {
            delivery.malformed("malformed packet dropped: {}; bytes: {}", e.getMessage(), e.hexDump());
            return;
        } catch (RuntimeException e) {
            delivery.parserFailed("packet", packet.remaining(), e);
            return;
        }
        feed.skipped(parser.skippedPackets() - skippedBefore);
        if (tick != null) {
            delivery.tick(tick);
        }
    }

    /** Hands a text frame to the listener as a message: {@code pong}, {@code error} or {@code message}. */
    public void text(String text) {
        feed.textMessage();
        long now = clock.millis();
        feed.received(now);
        SourceMessage message = AngelOneTextFrames.parse(delivery.source(), text, now);
        if (AngelOneTextFrames.PONG.equals(message.type())) {
            counters.pongs.incrementAndGet();
        } else if (AngelOneTextFrames.ERROR.equals(message.type())) {
            counters.errorMessages.incrementAndGet();
            LOG.warn("{}: Angel One error answer: {}", delivery.source(), message.payload());
        }
        delivery.message(message);
    }

    /** Counts a control pong. */
    public void pong() {
        counters.pongs.incrementAndGet();
        feed.received(clock.millis());
    }
}
