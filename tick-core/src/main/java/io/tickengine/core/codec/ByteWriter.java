package io.tickengine.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the varint writers of the tick encoding. Single-threaded. */
final class ByteWriter {
    private byte[] buf;
    private int size;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets the content, keeping the capacity. */
    ByteWriter reset() {
        size = 0;
        return this;
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** An unsigned LEB128 varint: 7 bits per byte, low bits first. */
    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** A signed value, zigzag-mapped so small magnitudes take few bytes. */
    void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /** Eight bytes, little-endian. */
    void writeLongLE(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** A varint length and the UTF-8 bytes. */
    void writeString(String s) {
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

    void writeBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** A copy of the content. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
