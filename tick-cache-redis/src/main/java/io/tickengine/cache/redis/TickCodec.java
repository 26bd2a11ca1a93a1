package io.tickengine.cache.redis;

import io.tickengine.cache.redis.internal.ByteReader;
import io.tickengine.cache.redis.internal.ByteWriter;
import io.tickengine.cache.redis.internal.TickWire;
import io.tickengine.core.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The compact binary tick encoding used on {@code ticks:{token}} channels, in tick history stream
 * entries and in latest-tick values. Exact: prices stay fixed-point integers, nothing passes through
 * {@code double}. Every field of {@link Tick} is carried except the raw packet.
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
    public static final int VERSION = TickWire.VERSION;

    private TickCodec() {
    }

    /** One tick as a frame. */
    public static byte[] encode(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        ByteWriter out = new ByteWriter(96);
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
        Objects.requireNonNull(frame, "frame");
        ByteReader in = new ByteReader(frame, 0, frame.length);
        if (!in.hasMore()) {
            throw new MalformedTickFrameException("empty frame");
        }
        int version = in.readByte();
        if (version != VERSION) {
            throw new MalformedTickFrameException("frame version " + version + ", this codec reads " + VERSION);
        }
        Tick.Builder b = Tick.builder();
        int n = 0;
        while (in.hasMore()) {
            consumer.accept(TickWire.readTick(in, b));
            n++;
        }
        return n;
    }
}
