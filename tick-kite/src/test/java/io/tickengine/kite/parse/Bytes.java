package io.tickengine.kite.parse;

import java.nio.ByteBuffer;

/**
 * Test vectors written byte by byte at the offsets of the protocol notes, independently of the
 * production layout constants, so that the parser is checked against the notes and not against itself.
 */
final class Bytes {
    private final ByteBuffer b;

    private Bytes(int length) {
        b = ByteBuffer.allocate(length);
    }

    /** A zero-filled packet of {@code length} bytes. */
    static Bytes packet(int length) {
        return new Bytes(length);
    }

    /** A big-endian 32-bit value at {@code offset} (values up to 2^32 - 1 are written unsigned). */
    Bytes i32(int offset, long value) {
        b.putInt(offset, (int) value);
        return this;
    }

    /** A big-endian 16-bit value at {@code offset}. */
    Bytes u16(int offset, int value) {
        b.putShort(offset, (short) value);
        return this;
    }

    /** One depth entry (quantity, price, orders, 2 bytes padding) at {@code offset}. */
    Bytes depth(int offset, long quantity, long price, int orders) {
        return i32(offset, quantity).i32(offset + 4, price).u16(offset + 8, orders);
    }

    byte[] bytes() {
        return b.array().clone();
    }

    /** A frame: uint16 count, then uint16 length and bytes per packet. */
    static ByteBuffer frame(byte[]... packets) {
        int n = 2;
        for (byte[] p : packets) {
            n += 2 + p.length;
        }
        ByteBuffer f = ByteBuffer.allocate(n).putShort((short) packets.length);
        for (byte[] p : packets) {
            f.putShort((short) p.length).put(p);
        }
        return f.flip();
    }

    /** Exactly these bytes. */
    static ByteBuffer raw(int... values) {
        ByteBuffer f = ByteBuffer.allocate(values.length);
        for (int v : values) {
            f.put((byte) v);
        }
        return f.flip();
    }

    /** An LTP packet. */
    static byte[] ltp(long token, long lastPrice) {
        return packet(8).i32(0, token).i32(4, lastPrice).bytes();
    }
}
