package io.tickengine.angelone.parse;

import static io.tickengine.angelone.parse.AngelOneLayout.*;

import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes ticks as Angel One binary packets, the inverse of {@link AngelOnePacketParser}: for the
 * simulator, tests and benchmarks. Best-five entries are written bids first (flag 1), then offers
 * (flag 0), at most five each; unused entries and levels are zero.
 */
public final class AngelOnePacketEncoder {
    private static final int BEST_FIVE_PER_SIDE = 5;

    private AngelOnePacketEncoder() {
    }

    /**
     * One packet of {@code tick} in {@code mode}, little-endian, positioned at 0. Prices are written as
     * they are (the tick's scale must be the one the parser expects for {@code type}).
     *
     * @throws IllegalArgumentException when the token is longer than 25 bytes or not ASCII
     */
    public static ByteBuffer encode(AngelOneMode mode, ExchangeType type, String token, long sequence, Tick tick) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tick, "tick");
        ByteBuffer b = ByteBuffer.allocate(mode.packetLength()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MODE, (byte) mode.code()).put(EXCHANGE_TYPE, (byte) type.code());
        b.put(TOKEN, tokenBytes(token));
        if (mode == AngelOneMode.DEPTH_20) {
            writeDepth20(b, tick);
            return b;
        }
        b.putLong(SEQUENCE, sequence).putLong(EXCHANGE_TIMESTAMP, tick.exchangeTimestamp())
                .putLong(LAST_PRICE, tick.lastPrice());
        if (mode == AngelOneMode.LTP) {
            return b;
        }
        b.putLong(LAST_QUANTITY, tick.lastQuantity()).putLong(AVERAGE_PRICE, tick.averagePrice())
                .putLong(VOLUME, tick.volume()).putDouble(TOTAL_BUY_QUANTITY, tick.totalBuyQuantity())
                .putDouble(TOTAL_SELL_QUANTITY, tick.totalSellQuantity()).putLong(OPEN, tick.open())
                .putLong(HIGH, tick.high()).putLong(LOW, tick.low()).putLong(CLOSE, tick.close());
        if (mode == AngelOneMode.QUOTE) {
            return b;
        }
        double oiChange = Double.isNaN(tick.openInterestChangePercent()) ? 0 : tick.openInterestChangePercent();
        b.putLong(LAST_TRADE_TIME, tick.lastTradeTime()).putLong(OPEN_INTEREST, tick.openInterest())
                .putDouble(OPEN_INTEREST_CHANGE, oiChange).putLong(UPPER_CIRCUIT, tick.upperCircuit())
                .putLong(LOWER_CIRCUIT, tick.lowerCircuit()).putLong(WEEK52_HIGH, tick.week52High())
                .putLong(WEEK52_LOW, tick.week52Low());
        Depth d = tick.depth();
        if (d != null) {
            int entry = 0;
            for (int i = 0; i < Math.min(BEST_FIVE_PER_SIDE, d.bidLevels()); i++) {
                bestFive(b, entry++, FLAG_BUY, d.bidQuantity(i), d.bidPrice(i), d.bidOrders(i));
            }
            for (int i = 0; i < Math.min(BEST_FIVE_PER_SIDE, d.askLevels()); i++) {
                bestFive(b, entry++, (short) 0, d.askQuantity(i), d.askPrice(i), d.askOrders(i));
            }
        }
        return b;
    }

    private static void bestFive(ByteBuffer b, int entry, short flag, long quantity, long price, int orders) {
        int e = BEST_FIVE + entry * BEST_FIVE_ENTRY;
        b.putShort(e + ENTRY_FLAG, flag).putLong(e + ENTRY_QUANTITY, quantity).putLong(e + ENTRY_PRICE, price)
                .putShort(e + ENTRY_ORDERS, (short) orders);
    }

    private static void writeDepth20(ByteBuffer b, Tick tick) {
        b.putLong(D20_EXCHANGE_TIMESTAMP, tick.exchangeTimestamp()).putLong(D20_PACKET_TIME, tick.receiveTimestamp());
        Depth d = tick.depth();
        if (d == null) {
            return;
        }
        for (int i = 0; i < Math.min(D20_LEVELS, d.bidLevels()); i++) {
            int e = D20_BUYS + i * D20_ENTRY;
            b.putInt(e + D20_QUANTITY, Math.toIntExact(d.bidQuantity(i))).putInt(e + D20_PRICE, Math.toIntExact(d.bidPrice(i)))
                    .putShort(e + D20_ORDERS, (short) d.bidOrders(i));
        }
        for (int i = 0; i < Math.min(D20_LEVELS, d.askLevels()); i++) {
            int e = D20_SELLS + i * D20_ENTRY;
            b.putInt(e + D20_QUANTITY, Math.toIntExact(d.askQuantity(i))).putInt(e + D20_PRICE, Math.toIntExact(d.askPrice(i)))
                    .putShort(e + D20_ORDERS, (short) d.askOrders(i));
        }
    }

    private static byte[] tokenBytes(String token) {
        Objects.requireNonNull(token, "token");
        byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > TOKEN_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(token)) {
            throw new IllegalArgumentException("token must be at most " + TOKEN_LENGTH + " ASCII bytes, was '" + token + "'");
        }
        return bytes;
    }
}
