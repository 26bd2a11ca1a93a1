package io.tickengine.core.codec;

import io.tickengine.core.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The compact binary tick encoding, a few bytes per tick: the Redis cache stores ticks in it and the
 * server's resume buffer holds recent ticks in it. Exact: prices stay fixed-point integers, nothing
 * passes through {@code double}. Every field of {@link Tick} is carried except the raw packet. Stored
 * frames depend on it: what a version writes never changes.
 *
 * <p>Format: a frame is one version byte ({@value #VERSION}) followed by ticks back to back. A tick is
 * {@code token:uvarint, fields:uvarint (a bit per present field), modeScale:u8 (mode ordinal << 5 | scale)},
 * then each present field in bit order: exchange and symbol as {@code uvarint length + UTF-8}; every
 * other number as a zigzag varint; prices (average, OHLC, circuits, 52-week, depth levels) as deltas
 * from the last price; the receive time as a delta from the exchange time, the last trade time as a
 * delta from the exchange time (or the receive time when there is none); the open interest change
 * percent as 8 little-endian IEEE-754 bytes; depth as {@code bids:uvarint asks:uvarint} then
 * {@code price, quantity, orders} per level. A field is absent when it holds its default (0, null,
 * NaN, {@link Tick#NO_SEQUENCE}, a change equal to {@code last - close}). Thread-safe.
 */
public final class TickCodec {
    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;
    /**
     * Room for a full-mode tick with five depth levels a side, large quantities and a long symbol, so
     * encoding one does not grow the buffer.
     */
    static final int TICK_BYTES = 256;
    /** Each thread's buffer for {@link #encode(Tick)}; the frame is copied out, so a tick costs one array. */
    private static final ThreadLocal<ByteWriter> SCRATCH = ThreadLocal.withInitial(() -> new ByteWriter(TICK_BYTES));

    private TickCodec() {
    }

    /** One tick as a frame. */
    public static byte[] encode(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        ByteWriter out = SCRATCH.get().reset();
        out.writeByte(VERSION);
        TickWire.writeTick(out, tick);
        return out.toByteArray();
    }

    /** Several ticks as one frame, in order. */
    public static byte[] encode(List<Tick> ticks) {
        Objects.requireNonNull(ticks, "ticks");
        ByteWriter out = new ByteWriter(16 + ticks.size() * 48);
        out.writeByte(VERSION);
        for (Tick t : ticks) {
            TickWire.writeTick(out, Objects.requireNonNull(t, "tick"));
        }
        return out.toByteArray();
    }

    /**
     * One frame holding the ticks of {@code frames}, in order: the same bytes as encoding all their
     * ticks together. The ticks are copied, not decoded.
     *
     * @throws MalformedTickFrameException when one of them does not start as a frame of this version
     */
    public static byte[] join(List<byte[]> frames) {
        Objects.requireNonNull(frames, "frames");
        int size = 1;
        for (byte[] f : frames) {
            requireVersion(Objects.requireNonNull(f, "frame"));
            size += f.length - 1;
        }
        byte[] out = new byte[size];
        out[0] = VERSION;
        int at = 1;
        for (byte[] f : frames) {
            System.arraycopy(f, 1, out, at, f.length - 1);
            at += f.length - 1;
        }
        return out;
    }

    /**
     * The ticks of a frame, in order.
     *
     * @throws MalformedTickFrameException when the bytes are not a frame of this version
     */
    public static List<Tick> decode(byte[] frame) {
        List<Tick> out = new ArrayList<>(4);
        decode(frame, out::add);
        return out;
    }

    /**
     * Hands each tick of a frame to {@code consumer} and returns how many there were.
     *
     * @throws MalformedTickFrameException when the bytes are not a frame of this version
     */
    public static int decode(byte[] frame, Consumer<Tick> consumer) {
        requireVersion(Objects.requireNonNull(frame, "frame"));
        ByteReader in = new ByteReader(frame, 1, frame.length - 1);
        Tick.Builder b = Tick.builder();
        int n = 0;
        while (in.hasMore()) {
            consumer.accept(TickWire.readTick(in, b));
            n++;
        }
        return n;
    }

    /** Fails unless {@code frame} starts with this codec's version byte. */
    private static void requireVersion(byte[] frame) {
        if (frame.length == 0) {
            throw new MalformedTickFrameException("empty frame");
        }
        int version = frame[0] & 0xFF;
        if (version != VERSION) {
            throw new MalformedTickFrameException("frame version " + version + ", this codec reads " + VERSION);
        }
    }
}
