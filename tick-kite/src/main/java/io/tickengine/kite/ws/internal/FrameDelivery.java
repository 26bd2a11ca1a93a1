package io.tickengine.kite.ws.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.parse.KiteTextFrameParser;
import io.tickengine.kite.parse.MalformedFrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns frames into listener calls on the socket's read thread: decode, count, hand over. Nothing
 * escapes: malformed frames and listener exceptions are counted and logged once (later ones at debug).
 * Thread-safe; each connection passes its own parser.
 */
public final class FrameDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDelivery.class);

    private final String source;
    private final TickListener listener;
    private final Counters counters;
    private final Clock clock;
    private final KiteTextFrameParser textParser;
    private final AtomicBoolean loggedMalformed = new AtomicBoolean();
    private final AtomicBoolean loggedListener = new AtomicBoolean();

    /** Delivery into {@code listener} for the source named {@code source}. */
    public FrameDelivery(String source, TickListener listener, Counters counters, Clock clock) {
        this.source = source;
        this.listener = listener;
        this.counters = counters;
        this.clock = clock;
        this.textParser = new KiteTextFrameParser(source);
    }

    /** Decodes a binary frame with the connection's parser and hands its ticks to the listener. */
    public void binary(KiteFrameParser parser, ByteBuffer frame) {
        counters.frames.incrementAndGet();
        counters.lastFrameMillis.set(clock.millis());
        if (KiteFrameParser.isHeartbeat(frame)) {
            counters.heartbeats.incrementAndGet();
            return;
        }
        List<Tick> ticks = new ArrayList<>();
        long skippedBefore = parser.skippedPackets();
        try {
            parser.parse(frame, ticks);
        } catch (MalformedFrameException e) {
            counters.parseErrors.incrementAndGet();
            if (loggedMalformed.compareAndSet(false, true)) {
                LOG.warn("{}: malformed frame, {} good ticks kept: {}; frame: {} (first one; later ones at debug)",
                        source, ticks.size(), e.getMessage(), e.hexDump());
            } else {
                LOG.debug("{}: malformed frame: {}; frame: {}", source, e.getMessage(), e.hexDump());
            }
        } catch (RuntimeException e) {
            counters.parseErrors.incrementAndGet();
            LOG.error("{}: parser failed on a {}-byte frame; frame dropped", source, frame.remaining(), e);
        }
        counters.skippedPackets.addAndGet(parser.skippedPackets() - skippedBefore);
        if (ticks.isEmpty()) {
            return;
        }
        counters.ticks.addAndGet(ticks.size());
        try {
            listener.onTicks(ticks);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Reads a text frame and hands the message to the listener; malformed text is counted and ignored. */
    public void text(String text) {
        counters.frames.incrementAndGet();
        counters.textMessages.incrementAndGet();
        long now = clock.millis();
        counters.lastFrameMillis.set(now);
        SourceMessage message = textParser.parse(text, now);
        if (message == null) {
            counters.parseErrors.incrementAndGet();
            return;
        }
        if ("error".equals(message.type())) {
            LOG.warn("{}: Kite error message: {}", source, message.payload());
        }
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
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
