package io.tickengine.server.ws;

import io.tickengine.core.Tick;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A tick on its way to many clients, carrying its encodings for clients without deltas: the tick's
 * {@code data} object as JSON and as MessagePack, and the default frame (plain JSON, one tick per
 * message), one of each per dialect. Each is encoded by the first client that needs it and shared by
 * the rest, down to the bytes the transport writes or a batch frame copies. They live as long as some
 * client still queues the update, however far behind it is. Thread-safe: a client that asks while
 * another encodes waits for that encoding rather than repeating it.
 */
final class SharedTick {
    /** What is cached, per dialect. */
    enum Form {
        /** The {@code data} object as UTF-8 JSON. */
        JSON_DATA,
        /** The {@code data} object as MessagePack. */
        MSGPACK_DATA,
        /** The whole default frame as UTF-8 JSON. */
        JSON_FRAME
    }

    private static final int FORMS = Form.values().length;

    private final Tick tick;
    private final AtomicReferenceArray<byte[]> encoded = new AtomicReferenceArray<>(2 * FORMS);

    SharedTick(Tick tick) {
        this.tick = tick;
    }

    Tick tick() {
        return tick;
    }

    /**
     * The {@code form} encoding for {@code dialect} ({@link Dialect#TICKS} or {@link Dialect#SYMBOLS}),
     * made by {@code encoder} once; never write to it.
     */
    byte[] encoded(Dialect dialect, Form form, Function<Tick, byte[]> encoder) {
        byte[] b = cached(dialect, form);
        if (b != null) {
            return b;
        }
        int i = index(dialect, form);
        synchronized (this) {
            b = encoded.get(i);
            if (b == null) {
                b = encoder.apply(tick);
                encoded.set(i, b);
            }
            return b;
        }
    }

    /**
     * The {@code form} encoding for {@code dialect} if some client made it already, else null; lets the
     * many clients after the first skip building an encoder.
     */
    byte[] cached(Dialect dialect, Form form) {
        return encoded.get(index(dialect, form));
    }

    private static int index(Dialect dialect, Form form) {
        return (dialect == Dialect.SYMBOLS ? FORMS : 0) + form.ordinal();
    }

    /** The tick behind an update, or the update itself when it is not a shared tick. */
    static Object unwrap(Object update) {
        return update instanceof SharedTick s ? s.tick : update;
    }
}
