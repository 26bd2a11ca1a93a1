package io.tickengine.server.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.internal.Tree;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames built from the per-tick encodings shared by all clients equal, byte for byte, the frames the
 * tree encoder writes for the same envelope, in both dialects, JSON and MessagePack, one tick or a batch.
 */
class ClientSessionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Depth BOOK = Depth.builder(5).bid(2_912_00, 100, 3).bid(2_911_95, 50, 1)
            .ask(2_912_05, 70, 2).build();

    static Tick full(long token, String symbol, int scale, long price) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol(symbol).mode(TickMode.FULL)
                .priceScale(scale).lastPrice(price).volume(1_234_567).open(price - 7).high(price + 105).low(price - 1)
                .close(price - 3).change(-42).exchangeTimestamp(1_700_000_000_000L)
                .receiveTimestamp(1_700_000_000_005L).depth(BOOK).build().withIngestSequence(token * 10);
    }

    private static List<Tick> ticks() {
        return List.of(full(408_065, "INFY", 2, 150_005), full(256_265, "NIFTY 50 ₹\"q\"", 2, 2_412_345),
                full(1_594, "USDINR", 4, 83_1234), Tick.builder().instrumentToken(7).tradingSymbol("LTPONLY")
                        .mode(TickMode.LTP).priceScale(2).lastPrice(1).build().withIngestSequence(70));
    }

    private static ClientSession session(Dialect dialect, boolean msgpack, int batch) {
        ClientSession s = new ClientSession("c1", dialect, "/ws", Principal.ANONYMOUS, "127.0.0.1", 0,
                token -> token == 256_265 ? InstrumentClass.INDEX : InstrumentClass.STOCK);
        s.attach(new Outbound(new OutboundTest.StuckTransport(), 64, 1, 1, 1000, () -> 0, null, Runnable::run, s::encode), null);
        s.options(msgpack, false, batch);
        return s;
    }

    /** What the tree encoder writes for these ticks: the reference the shared frames must equal. */
    private static Object treeFrame(Dialect dialect, boolean msgpack, int batch, List<Tick> ticks) {
        List<Object> data = new ArrayList<>();
        for (Tick t : ticks) {
            data.add(dialect == Dialect.SYMBOLS
                    ? Messages.tickDto(t, t.instrumentToken() == 256_265 ? InstrumentClass.INDEX : InstrumentClass.STOCK)
                    : Messages.kiteTick(t));
        }
        Object body;
        if (dialect == Dialect.SYMBOLS && batch <= 1 && !msgpack) {
            body = data.get(0);
        } else {
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("type", batch > 1 ? "ticks" : "tick");
            env.put("data", batch > 1 ? data : data.get(0));
            body = env;
        }
        return msgpack ? Tree.msgpackBytes(body) : Tree.json(body).getBytes(UTF_8);
    }

    private static byte[] bytes(Object frame) {
        if (frame instanceof ByteBuffer b) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            return a;
        }
        return frame instanceof String s ? s.getBytes(UTF_8) : (byte[]) frame;
    }

    private static List<Object> shared(List<Tick> ticks) {
        return new ArrayList<>(ticks.stream().map(SharedTick::new).toList());
    }

    @Test
    void shouldBuildBatchedJsonFramesEqualToTheTreeEncoding() throws Exception {
        for (Dialect dialect : List.of(Dialect.TICKS, Dialect.SYMBOLS)) {
            byte[] frame = bytes(session(dialect, false, 20).encode(shared(ticks())));
            byte[] expected = (byte[]) treeFrame(dialect, false, 20, ticks());
            assertThat(new String(frame, UTF_8)).startsWith("{\"type\":\"ticks\",\"data\":[{").endsWith("}]}")
                    .isEqualTo(new String(expected, UTF_8));
            assertThat(JSON.readTree(frame)).isEqualTo(JSON.readTree(expected));
            String price = dialect == Dialect.TICKS ? "last_price" : "lastTradedPrice";
            assertThat(JSON.readTree(frame).path("data").get(2).path(price).decimalValue()).isEqualByComparingTo("83.1234");
            // Whole seconds keep their milliseconds, in both dialects, as seed 004 writes times.
            assertThat(JSON.readTree(frame).path("data").get(0).path("timestamp").asText())
                    .isEqualTo("2023-11-14T22:13:20.000Z");
        }
    }

    @Test
    void shouldBuildOneTickFramesAndMessagePackFramesEqualToTheTreeEncoding() {
        for (Dialect dialect : List.of(Dialect.TICKS, Dialect.SYMBOLS)) {
            for (boolean msgpack : List.of(false, true)) {
                for (int batch : List.of(1, 20)) {
                    for (Tick t : ticks()) {
                        Object frame = session(dialect, msgpack, batch).encode(shared(List.of(t)));
                        assertThat(frame).isInstanceOf(msgpack ? ByteBuffer.class : byte[].class);
                        assertThat(bytes(frame)).as("%s msgpack=%s batch=%d %s", dialect, msgpack, batch, t)
                                .isEqualTo(treeFrame(dialect, msgpack, batch, List.of(t)));
                    }
                    assertThat(bytes(session(dialect, msgpack, 20).encode(shared(ticks()))))
                            .isEqualTo(treeFrame(dialect, msgpack, 20, ticks()));
                }
            }
        }
    }

    @Test
    void shouldShareEachTicksEncodingAcrossClientsAndEncodePlainTicksPerClient() {
        List<Object> updates = shared(ticks());
        ClientSession a = session(Dialect.TICKS, false, 20);
        ClientSession b = session(Dialect.TICKS, false, 3);
        a.encode(updates);
        byte[] data = ((SharedTick) updates.get(1)).encoded(Dialect.TICKS, SharedTick.Form.JSON_DATA, t -> {
            throw new AssertionError("encoded twice");
        });
        b.encode(updates.subList(0, 3));
        assertThat(((SharedTick) updates.get(1)).encoded(Dialect.TICKS, SharedTick.Form.JSON_DATA, t -> null)).isSameAs(data);
        // A snapshot or resumed tick is queued as a plain Tick and encoded for its one client.
        List<Object> mixed = new ArrayList<>(ticks());
        mixed.set(1, updates.get(1));
        assertThat(bytes(a.encode(mixed))).isEqualTo(treeFrame(Dialect.TICKS, false, 20, ticks()));
    }

    @Test
    void shouldKeepDeltasPerClient() throws Exception {
        ClientSession s = session(Dialect.TICKS, false, 20);
        s.options(false, true, 20);
        Tick first = full(408_065, "INFY", 2, 150_005);
        s.encode(shared(List.of(first)));
        Tick second = full(408_065, "INFY", 2, 150_010);
        var data = JSON.readTree(bytes(s.encode(shared(List.of(second))))).path("data").get(0);
        assertThat(data.path("last_price").decimalValue()).isEqualByComparingTo("1500.10");
        assertThat(data.has("tradingsymbol")).isFalse();
    }
}
