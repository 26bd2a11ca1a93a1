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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resuming client gets every tick it missed, in order, however many more than its outbound buffer holds;
 * when the window drops ticks it still had to get, a gap message after the ones it got, then the latest.
 */
class HubResumeTest {
    private static final long INFY = 408_065;
    private static final long TCS = 2_953_217;
    private static final int OUTBOUND = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A socket whose writes complete only once it is opened, then at once. */
    static final class GatedTransport implements Transport {
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        private final List<Done> pending = new ArrayList<>();
        private boolean open;

        GatedTransport(boolean open) {
            this.open = open;
        }

        @Override
        public void sendText(byte[] utf8, boolean more, Done done) {
            frames.add(new String(utf8, StandardCharsets.UTF_8));
            synchronized (this) {
                if (!open) {
                    pending.add(done);
                    return;
                }
            }
            done.completed(null);
        }

        @Override
        public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
            sendText(new byte[0], more, done);
        }

        @Override
        public void close(int code, String reason) {
        }

        void open() {
            List<Done> now;
            synchronized (this) {
                open = true;
                now = new ArrayList<>(pending);
                pending.clear();
            }
            now.forEach(d -> d.completed(null));
        }
    }

    private static Hub hub(long resumeMaxBytes) {
        WsLimits limits = new WsLimits(100, 3000, 20, 64 * 1024, List.of(), OUTBOUND, Duration.ofSeconds(60),
                Duration.ofMinutes(5), resumeMaxBytes);
        return new Hub(InstrumentRegistry.empty(), new LatestTicks(), new FeedSubscriptions(
                t -> PushTickSource.create("kite"), TickMode.FULL), limits, new ManualClock(1_700_000_000_000L), 1);
    }

    private static void publish(TickSink broadcaster, long token, long fromSequence, long toSequence) throws Exception {
        for (long seq = fromSequence; seq <= toSequence; seq++) {
            broadcaster.onBatch(List.of(HubOrderTest.tick(token, seq)));
        }
    }

    private static List<JsonNode> received(GatedTransport socket) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        synchronized (socket.frames) {
            for (String f : socket.frames) {
                JsonNode n = JSON.readTree(f);
                if (!n.path("type").asText().equals("subscribed")) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static List<Long> sequences(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("type").asText().equals("tick"))
                .map(m -> m.path("data").path("sequence").asLong()).toList();
    }

    private static long last(GatedTransport socket) throws Exception {
        List<Long> s = sequences(received(socket));
        return s.isEmpty() ? -1 : s.get(s.size() - 1);
    }

    @Test
    void shouldReplayEveryMissedTickInOrderWhenThereAreFarMoreThanTheClientsBufferHolds() throws Exception {
        GatedTransport socket = new GatedTransport(true);
        try (Hub hub = hub(WsLimits.DEFAULT_RESUME_MAX_BYTES)) {
            TickSink broadcaster = hub.broadcaster();
            ClientSession s = hub.open(Dialect.TICKS, "/ws/ticks", Principal.ANONYMOUS, "127.0.0.1", socket);
            CountDownLatch release = FanOutTest.hold(s.shard());
            for (long seq = 1; seq <= 200; seq++) {
                broadcaster.onBatch(List.of(HubOrderTest.tick(seq % 2 == 0 ? INFY : TCS, seq)));
            }
            new TicksProtocol(hub, List.of()).onMessage(s,
                    "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "," + TCS + "],\"resume_from\":0}");
            release.countDown();
            publish(broadcaster, INFY, 201, 210);
            await().atMost(Duration.ofSeconds(10)).until(() -> last(socket) == 210);

            assertThat(sequences(received(socket))).containsExactlyElementsOf(LongStream.rangeClosed(1, 210).boxed().toList());
            // The live ticks that came while it caught up were read from the buffer too.
            assertThat(hub.counters().replayedTicks()).isBetween(200L, 210L);
            assertThat(hub.counters().conflatedUpdates()).isZero();
            assertThat(hub.counters().resumeGaps()).isZero();
        }
    }

    @Test
    void shouldSendAGapAfterTheReplayedTicksWhenTheWindowDropsTheRestThenTheLatest() throws Exception {
        long each = 0;
        for (long seq = 1; seq <= 100; seq++) {
            each = Math.max(each, ResumeBufferTest.perTick(HubOrderTest.tick(INFY, seq)));
        }
        GatedTransport socket = new GatedTransport(false);
        try (Hub hub = hub(ResumeBuffer.CHUNK_OVERHEAD + 20 * each)) {
            TickSink broadcaster = hub.broadcaster();
            ClientSession s = hub.open(Dialect.TICKS, "/ws/ticks", Principal.ANONYMOUS, "127.0.0.1", socket);
            publish(broadcaster, INFY, 1, 10);
            new TicksProtocol(hub, List.of()).onMessage(s,
                    "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "],\"resume_from\":0}");
            // The client reads nothing: the replay fills half its buffer and waits, nothing is conflated.
            await().atMost(Duration.ofSeconds(10)).until(() -> s.out().backlog() == OUTBOUND / 2);
            publish(broadcaster, INFY, 11, 70);
            // Once a task queued after them runs, the fan-out thread has routed those ticks.
            CountDownLatch routed = FanOutTest.hold(s.shard());
            assertThat(s.out().backlog()).isEqualTo(OUTBOUND / 2);
            assertThat(hub.counters().conflatedUpdates()).isZero();
            routed.countDown();

            socket.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.counters().resumeGaps() == 1 && last(socket) == 70);
            publish(broadcaster, INFY, 71, 71);
            await().atMost(Duration.ofSeconds(10)).until(() -> last(socket) == 71);

            List<JsonNode> got = received(socket);
            int gapAt = 0;
            while (!got.get(gapAt).path("type").asText().equals("gap")) {
                gapAt++;
            }
            List<Long> replayed = sequences(got.subList(0, gapAt));
            assertThat(replayed).as("what it got before the window moved on").isNotEmpty()
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, replayed.size()).boxed().toList());
            JsonNode gap = got.get(gapAt);
            assertThat(gap.path("from_sequence").asLong()).isEqualTo(replayed.get(replayed.size() - 1));
            assertThat(gap.path("oldest_sequence").asLong()).isGreaterThan(replayed.size() + 1L);
            assertThat(sequences(got.subList(gapAt + 1, got.size()))).as("the latest, then live").containsExactly(70L, 71L);
            assertThat(hub.counters().resumeGaps()).isEqualTo(1);
            assertThat(hub.counters().conflatedUpdates()).isZero();
        }
    }
}
