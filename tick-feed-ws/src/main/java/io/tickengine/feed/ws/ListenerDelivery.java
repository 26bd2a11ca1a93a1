package io.tickengine.feed.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.TickListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of frame delivery every feed shares, on the socket's read thread: hand decoded ticks and
 * messages to the listener and count them; count and log what fails. Nothing escapes: listener
 * exceptions and malformed input are logged once loudly, later ones at debug. Thread-safe.
 */
public final class ListenerDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDelivery.class);

    private final String source;
    private final TickListener listener;
    private final FeedCounters counters;
    private final AtomicBoolean loggedMalformed = new AtomicBoolean();
    private final AtomicBoolean loggedListener = new AtomicBoolean();

    /** Delivery into {@code listener} for the source named {@code source}, counted in {@code counters}. */
    public ListenerDelivery(String source, TickListener listener, FeedCounters counters) {
        this.source = Objects.requireNonNull(source, "source");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** The source's name, for log lines. */
    public String source() {
        return source;
    }

    /** The counters. */
    public FeedCounters counters() {
        return counters;
    }

    /** Hands a batch of ticks to the listener; an empty batch is not delivered. */
    public void ticks(List<Tick> ticks) {
        if (ticks.isEmpty()) {
            return;
        }
        counters.ticks(ticks.size());
        try {
            listener.onTicks(ticks);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Hands one tick to the listener. */
    public void tick(Tick tick) {
        counters.ticks(1);
        try {
            listener.onTick(tick);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Hands a text message to the listener. */
    public void message(SourceMessage message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /**
     * Counts malformed input and logs it: the first time as a warning ending "(first one; later ones at
     * debug)", later at debug. {@code format} takes the source's name first, then {@code args}.
     */
    public void malformed(String format, Object... args) {
        counters.parseError();
        Object[] all = new Object[args.length + 1];
        all[0] = source;
        System.arraycopy(args, 0, all, 1, args.length);
        if (loggedMalformed.compareAndSet(false, true)) {
            LOG.warn("{}: " + format + " (first one; later ones at debug)", all);
        } else {
            LOG.debug("{}: " + format, all);
        }
    }

    /** Counts a parser that threw where it must not, and logs it with the input's size. */
    public void parserFailed(String unit, int bytes, RuntimeException e) {
        counters.parseError();
        LOG.error("{}: parser failed on a {}-byte {}; {} dropped", source, bytes, unit, unit, e);
    }

    private void listenerFailed(RuntimeException e) {
        counters.listenerError();
        if (loggedListener.compareAndSet(false, true)) {
            LOG.error("{}: the tick listener threw; it must not (first one; later ones at debug)", source, e);
        } else {
            LOG.debug("{}: the tick listener threw", source, e);
        }
    }
}
