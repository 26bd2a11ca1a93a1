package io.tickengine.store.timescale.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, written into a growing array and streamed to a
 * {@link CopyIn} in chunks. Values are exact: integers and timestamps go as binary, never as text.
 */
final class CopyBuffer {
    static final int INT8_OID = 20;
    static final int INT4_OID = 23;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds. */
    private static final long PG_EPOCH_MILLIS = 946_684_800_000L;
    private static final int CHUNK = 256 << 10;

    private byte[] buf = new byte[CHUNK + 4096];
    private int pos;
    private CopyIn out;
    private int arrayStart;

    /** Starts a COPY stream: the header goes first. */
    void begin(CopyIn copyIn) {
        out = copyIn;
        pos = 0;
        put(SIGNATURE, 0, SIGNATURE.length);
        putInt(0);
        putInt(0);
    }

    /** Starts a row of {@code fields} values; sends what is buffered when a chunk is full. */
    void row(int fields) throws SQLException {
        if (pos >= CHUNK) {
            out.writeToCopy(buf, 0, pos);
            pos = 0;
        }
        putShort(fields);
    }

    /** Ends the stream and returns the rows the server took. */
    long end() throws SQLException {
        putShort(-1);
        out.writeToCopy(buf, 0, pos);
        pos = 0;
        return out.endCopy();
    }

    /** Abandons an unfinished stream so the connection can roll back. */
    void cancel() {
        pos = 0;
        if (out != null && out.isActive()) {
            try {
                out.cancelCopy();
            } catch (SQLException e) {
                // The connection is broken; the pool discards it.
            }
        }
    }

    void int8(long v) {
        putInt(8);
        putLong(v);
    }

    void int4(int v) {
        putInt(4);
        putInt(v);
    }

    void int2(int v) {
        putInt(2);
        putShort(v);
    }

    void bool(boolean v) {
        putInt(1);
        ensure(1);
        buf[pos++] = (byte) (v ? 1 : 0);
    }

    void float8(double v) {
        int8(Double.doubleToRawLongBits(v));
    }

    void nul() {
        putInt(-1);
    }

    void text(String s) {
        if (s == null) {
            nul();
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        put(bytes, 0, bytes.length);
    }

    void bytea(ByteBuffer bytes) {
        if (bytes == null) {
            nul();
            return;
        }
        int n = bytes.remaining();
        putInt(n);
        ensure(n);
        bytes.get(buf, pos, n);
        pos += n;
    }

    /** A {@code timestamptz} from epoch milliseconds UTC. */
    void timestamp(long epochMillis) {
        int8((epochMillis - PG_EPOCH_MILLIS) * 1000);
    }

    /** Starts a one-dimensional array of {@code n} non-null elements; follow with n {@link #element} calls. */
    void array(int elementOid, int n) {
        putInt(0);
        arrayStart = pos;
        putInt(n == 0 ? 0 : 1);
        putInt(0);
        putInt(elementOid);
        if (n > 0) {
            putInt(n);
            putInt(1);
        }
    }

    void element8(long v) {
        int8(v);
    }

    void element4(int v) {
        int4(v);
    }

    /** Ends the array begun last, writing its length. */
    void endArray() {
        int length = pos - arrayStart;
        int at = arrayStart - 4;
        buf[at] = (byte) (length >>> 24);
        buf[at + 1] = (byte) (length >>> 16);
        buf[at + 2] = (byte) (length >>> 8);
        buf[at + 3] = (byte) length;
    }

    private void putShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    private void put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, pos, len);
        pos += len;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
