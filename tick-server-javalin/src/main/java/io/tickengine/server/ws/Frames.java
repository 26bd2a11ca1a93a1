package io.tickengine.server.ws;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Wraps already encoded {@code data} items into a frame by copying bytes: {@code {"type":T,"data":item}}
 * for one tick, {@code {"type":Ts,"data":[items]}} for a batch, in JSON or MessagePack. The result equals
 * what the tree encoder writes for the same envelope, without building a tree per client.
 */
final class Frames {
    private static final byte[] TYPE = "{\"type\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "\",\"data\":".getBytes(StandardCharsets.UTF_8);

    private Frames() {
    }

    /** A JSON frame of {@code type} with one item as {@code data}, or the items as an array when {@code array}. */
    static byte[] json(String type, List<byte[]> items, boolean array) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        int size = TYPE.length + t.length + DATA.length + 1 + (array ? 2 + Math.max(0, items.size() - 1) : 0);
        for (byte[] item : items) {
            size += item.length;
        }
        byte[] f = new byte[size];
        int at = put(f, 0, TYPE);
        at = put(f, at, t);
        at = put(f, at, DATA);
        if (array) {
            f[at++] = '[';
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                f[at++] = ',';
            }
            at = put(f, at, items.get(i));
        }
        if (array) {
            f[at++] = ']';
        }
        f[at] = '}';
        return f;
    }

    /** The MessagePack twin of {@link #json}: a two-entry map, type and data. */
    static ByteBuffer msgpack(String type, List<byte[]> items, boolean array) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(2);
            p.packString("type");
            p.packString(type);
            p.packString("data");
            if (array) {
                p.packArrayHeader(items.size());
            }
            for (byte[] item : items) {
                p.writePayload(item);
            }
            return ByteBuffer.wrap(p.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int put(byte[] to, int at, byte[] from) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }
}
