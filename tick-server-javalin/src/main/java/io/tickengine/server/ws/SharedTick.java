package io.tickengine.server.ws;

import io.tickengine.core.Tick;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A tick on its way to many clients, carrying its default-format frames (plain JSON, one tick per
 * message, no delta) as UTF-8, one per dialect, each encoded by the first client that needs it and
 * shared by the rest, down to the bytes the transport writes. The frame lives as long as some client still queues the update, however far behind it is.
 * Thread-safe: a client that asks while another encodes waits for that encoding rather than repeating it.
 */
final class SharedTick {
    private final Tick tick;
    private volatile byte[] ticksFrame;
    private volatile byte[] symbolsFrame;

    SharedTick(Tick tick) {
        this.tick = tick;
    }

    Tick tick() {
        return tick;
    }

    /** The default frame for {@code dialect} ({@link Dialect#TICKS} or {@link Dialect#SYMBOLS}); never write to it. */
    byte[] frame(Dialect dialect, Function<Tick, String> encoder) {
        boolean symbols = dialect == Dialect.SYMBOLS;
        byte[] f = symbols ? symbolsFrame : ticksFrame;
        if (f != null) {
            return f;
        }
        synchronized (this) {
            f = symbols ? symbolsFrame : ticksFrame;
            if (f == null) {
                f = encoder.apply(tick).getBytes(StandardCharsets.UTF_8);
                if (symbols) {
                    symbolsFrame = f;
                } else {
                    ticksFrame = f;
                }
            }
            return f;
        }
    }

    /** The tick behind an update, or the update itself when it is not a shared tick. */
    static Object unwrap(Object update) {
        return update instanceof SharedTick s ? s.tick : update;
    }
}
