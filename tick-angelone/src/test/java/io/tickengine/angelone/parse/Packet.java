package io.tickengine.angelone.parse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds conformance vectors byte by byte, little-endian, without the encoder under test. */
final class Packet {
    final byte[] bytes;

    Packet(int length) {
        bytes = new byte[length];
    }

    Packet u8(int at, int v) {
        bytes[at] = (byte) v;
        return this;
    }

    Packet i16(int at, int v) {
        bytes[at] = (byte) v;
        bytes[at + 1] = (byte) (v >>> 8);
        return this;
    }

    Packet i32(int at, int v) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    Packet i64(int at, long v) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    Packet f64(int at, double v) {
        return i64(at, Double.doubleToRawLongBits(v));
    }

    Packet ascii(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, bytes, at, b.length);
        return this;
    }

    /** Mode, exchange type and token: the header every packet starts with. */
    static Packet header(int length, int mode, int exchangeType, String token) {
        return new Packet(length).u8(0, mode).u8(1, exchangeType).ascii(2, token);
    }

    /** A best-five entry at index {@code i} (0..9) of a SnapQuote packet. */
    Packet entry(int i, int flag, long quantity, long price, int orders) {
        int e = 147 + i * 20;
        return i16(e, flag).i64(e + 2, quantity).i64(e + 10, price).i16(e + 18, orders);
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes);
    }
}
