package io.tickengine.core.codec;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote, with bounds checks that fail as {@link MalformedTickFrameException}. */
final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    boolean hasMore() {
        return pos < end;
    }

    int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new MalformedTickFrameException("varint longer than 10 bytes at offset " + pos);
    }

    long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    long readLongLE() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    String readString() {
        long n = readVarLong();
        if (n < 0 || n > end - pos) {
            throw new MalformedTickFrameException("string length " + n + " runs past the frame end");
        }
        String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new MalformedTickFrameException("frame truncated at offset " + pos);
        }
    }
}
