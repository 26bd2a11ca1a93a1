package io.tickengine.cache.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with varint writers; reused by one thread to avoid garbage. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets the content, keeping the capacity. */
    public ByteWriter reset() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    /** Discards everything after the first {@code newSize} bytes. */
    public void truncate(int newSize) {
        size = newSize;
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** An unsigned LEB128 varint: 7 bits per byte, low bits first. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** A signed value, zigzag-mapped so small magnitudes take few bytes. */
    public void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /** Eight bytes, little-endian. */
    public void writeLongLE(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** A varint length and the UTF-8 bytes. */
    public void writeString(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            writeVarLong(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        } else {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            writeVarLong(bytes.length);
            writeBytes(bytes, 0, bytes.length);
        }
    }

    /** Appends the decimal digits of a non-negative or negative long as ASCII. */
    public void writeAsciiLong(long v) {
        if (v == Long.MIN_VALUE) {
            writeBytes("-9223372036854775808".getBytes(StandardCharsets.US_ASCII), 0, 20);
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int start = size;
        do {
            buf[size++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    public void writeBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** A copy of {@code [from, size)}. */
    public byte[] copyFrom(int from) {
        return Arrays.copyOfRange(buf, from, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
