package io.tickengine.store.sqlite.internal;

import io.tickengine.core.Depth;
import io.tickengine.store.sqlite.SqliteStoreException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Market depth as a compact BLOB: one byte of bid levels, one of ask levels (a side holds at most
 * {@link Depth#MAX_LEVELS}, 255), then each bid and then each ask as price (int64), quantity (int64)
 * and orders (int32), big-endian. Five levels a side take 202 bytes; prices stay exact units at the
 * tick's scale.
 */
final class DepthCodec {
    private static final int LEVEL_BYTES = 8 + 8 + 4;

    private DepthCodec() {
    }

    static byte[] encode(Depth depth) {
        if (depth == null) {
            return null;
        }
        int bids = depth.bidLevels();
        int asks = depth.askLevels();
        ByteBuffer b = ByteBuffer.allocate(2 + (bids + asks) * LEVEL_BYTES).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) bids).put((byte) asks);
        for (int i = 0; i < bids; i++) {
            b.putLong(depth.bidPrice(i)).putLong(depth.bidQuantity(i)).putInt(depth.bidOrders(i));
        }
        for (int i = 0; i < asks; i++) {
            b.putLong(depth.askPrice(i)).putLong(depth.askQuantity(i)).putInt(depth.askOrders(i));
        }
        return b.array();
    }

    static Depth decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
            int bids = Byte.toUnsignedInt(b.get());
            int asks = Byte.toUnsignedInt(b.get());
            Depth.Builder d = Depth.builder(Math.max(1, Math.max(bids, asks)));
            for (int i = 0; i < bids; i++) {
                d.bid(b.getLong(), b.getLong(), b.getInt());
            }
            for (int i = 0; i < asks; i++) {
                d.ask(b.getLong(), b.getLong(), b.getInt());
            }
            return d.build();
        } catch (BufferUnderflowException e) {
            throw new SqliteStoreException("stored depth of " + bytes.length + " bytes is truncated", e);
        }
    }
}
