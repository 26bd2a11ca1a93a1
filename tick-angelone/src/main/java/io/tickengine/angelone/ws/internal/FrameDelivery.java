package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOnePacketParser;
import io.tickengine.angelone.parse.AngelOneTextFrames;
import io.tickengine.angelone.parse.MalformedPacketException;
import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.time.Clock;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns frames into listener calls on the socket's read thread: decode, count, hand over. Nothing
 * escapes: malformed packets and listener exceptions are counted and logged once (later ones at debug),
 * and the connection goes on. Text frames go to {@link TickListener#onMessage}, never to the parser.
 */
public final class FrameDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDelivery.class);

    private final String source;
    private final TickListener listener;
    private final Counters counters;
    private final Clock clock;
    private final AtomicBoolean loggedMalformed = new AtomicBoolean();
    private final AtomicBoolean loggedListener = new AtomicBoolean();

    /** Delivery into {@code listener} for the source named {@code source}. */
    public FrameDelivery(String source, TickListener listener, Counters counters, Clock clock) {
        this.source = source;
        this.listener = listener;
        this.counters = counters;
        this.clock = clock;
    }

    /** Decodes a binary packet with the connection's parser and hands its tick to the listener. */
    public void binary(AngelOnePacketParser parser, ByteBuffer packet) {
        counters.packets.incrementAndGet();
        counters.lastMessageMillis.set(clock.millis());
        Tick tick;
        long skippedBefore = parser.skippedPackets();
        try {
            tick = parser.parse(packet);
        } catch (MalformedPacketException e) {
            counters.parseErrors.incrementAndGet();
            if (loggedMalformed.compareAndSet(false, true)) {
                LOG.warn("{}: malformed packet dropped: {}; bytes: {} (first one; later ones at debug)", source,
                        e.getMessage(), e.hexDump());
            } else {
                LOG.debug("{}: malformed packet dropped: {}; bytes: {}", source, e.getMessage(), e.hexDump());
            }
            return;
        } catch (RuntimeException e) {
            counters.parseErrors.incrementAndGet();
            LOG.error("{}: parser failed on a {}-byte packet; packet dropped", source, packet.remaining(), e);
            return;
        }
        counters.skippedPackets.addAndGet(parser.skippedPackets() - skippedBefore);
        if (tick == null) {
            return;
        }
        counters.ticks.incrementAndGet();
        try {
            listener.onTick(tick);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Hands a text frame to the listener as a message: {@code pong}, {@code error} or {@code message}. */
    public void text(String text) {
        counters.textMessages.incrementAndGet();
        long now = clock.millis();
        counters.lastMessageMillis.set(now);
        SourceMessage message = AngelOneTextFrames.parse(source, text, now);
        if (AngelOneTextFrames.PONG.equals(message.type())) {
            counters.pongs.incrementAndGet();
        } else if (AngelOneTextFrames.ERROR.equals(message.type())) {
            counters.errorMessages.incrementAndGet();
            LOG.warn("{}: Angel One error answer: {}", source, message.payload());
        }
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Counts a control pong. */
    public void pong() {
        counters.pongs.incrementAndGet();
        counters.lastMessageMillis.set(clock.millis());
    }

    private void listenerFailed(RuntimeException e) {
        counters.listenerErrors.incrementAndGet();
        if (loggedListener.compareAndSet(false, true)) {
            LOG.error("{}: the tick listener threw; it must not (first one; later ones at debug)", source, e);
        } else {
            LOG.debug("{}: the tick listener threw", source, e);
        }
    }
}
