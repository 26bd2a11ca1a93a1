package io.tickengine.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.time.ManualClock;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.config.WsLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unsubscribing ends an instrument for the client: its delta base is reset, so a later subscribe starts
 * with a complete tick, and its ticks still waiting to be sent are dropped (counted).
 */
class HubUnsubscribeTest {
    private static final long INFY = 408_065;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Hub hub(LatestTicks latest) {
        return new Hub(InstrumentRegistry.empty(), latest, new FeedSubscriptions(t -> PushTickSource.create("kite"),
                TickMode.FULL), WsLimits.defaults(), new ManualClock(1_700_000_000_000L), 1);
    }

    private static Tick tick(long sequence, long price) {
        return ClientSessionTest.full(INFY, "INFY", 2, price).withIngestSequence(sequence);
    }

    private static List<JsonNode> frames(FanOutTest.RecordingTransport socket, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        synchronized (socket.frames) {
            for (String f : socket.frames) {
                JsonNode n = JSON.readTree(f);
                if (n.path("type").asText().equals(type)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Test
    void shouldSendACompleteTickAfterAnUnsubscribeAndSubscribeWithDeltas() throws Exception {
        LatestTicks latest = new LatestTicks();
        FanOutTest.RecordingTransport socket = new FanOutTest.RecordingTransport(false);
        try (Hub hub = hub(latest)) {
            TickSink broadcaster = hub.broadcaster();
            ClientSession s = hub.open(Dialect.TICKS, "/ws/ticks", Principal.ANONYMOUS, "127.0.0.1", socket);
            TicksProtocol protocol = new TicksProtocol(hub, List.of());
            assertThat(protocol.negotiate(s, Map.of("delta", List.of("true")))).isNull();
            protocol.onMessage(s, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "]}");
            // Only the broadcaster gets them: the subscription, queued first on the fan-out thread, sees both
            // arrive live. (Fed to the latest-tick cache too, the subscription could find one there first, send
            // it as the snapshot and, rightly, skip it when it arrives live.)
            for (long seq = 1; seq <= 2; seq++) {
                broadcaster.onBatch(List.of(tick(seq, 1500_00 + seq)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> frames(socket, "tick").size() == 2);
            assertThat(frames(socket, "tick").get(1).path("data").has("tradingsymbol")).as("a delta").isFalse();

            protocol.onMessage(s, "{\"action\":\"unsubscribe\",\"tokens\":[" + INFY + "]}");
            await().atMost(Duration.ofSeconds(10)).until(() -> frames(socket, "unsubscribed").size() == 1);
            protocol.onMessage(s, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "]}");
            await().atMost(Duration.ofSeconds(10)).until(() -> frames(socket, "tick").size() == 3);

            JsonNode snapshot = frames(socket, "tick").get(2).path("data");
            assertThat(snapshot.path("sequence").asLong()).isEqualTo(2);
            assertThat(snapshot.path("tradingsymbol").asText()).isEqualTo("INFY");
            assertThat(snapshot.has("ohlc")).isTrue();
            assertThat(snapshot.path("last_price").decimalValue()).isEqualByComparingTo("1500.02");
        }
    }

    @Test
    void shouldDropAnUnsubscribedInstrumentsWaitingTicksAndCountThem() throws Exception {
        // The first write never completes: what follows waits in the client's buffer.
        FanOutTest.RecordingTransport stuck = new FanOutTest.RecordingTransport(true);
        try (Hub hub = hub(new LatestTicks())) {
            TickSink broadcaster = hub.broadcaster();
            ClientSession s = hub.open(Dialect.TICKS, "/ws/ticks", Principal.ANONYMOUS, "127.0.0.1", stuck);
            TicksProtocol protocol = new TicksProtocol(hub, List.of());
            protocol.onMessage(s, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + ",5]}");
            // The confirmation is the write that never completes; the ticks after it wait.
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck.frames.size() == 1);
            broadcaster.onBatch(List.of(tick(1, 1500_00), tick(2, 1500_05), tick(3, 1500_10),
                    ClientSessionTest.full(5, "FIVE", 2, 500_00).withIngestSequence(4)));
            await().atMost(Duration.ofSeconds(10)).until(() -> s.out().backlog() == 4);

            protocol.onMessage(s, "{\"action\":\"unsubscribe\",\"tokens\":[" + INFY + "]}");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.out().backlog() == 1);
            assertThat(hub.counters().unsubscribedDropped()).isEqualTo(3);
        }
    }
}
