package io.tickengine.server.ws;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.time.ManualClock;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.config.WsLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber's snapshot or resumed ticks and the live ticks after them reach it in order, each
 * instrument's sequence only going up, whichever of the latest-tick cache and the fan-out thread is ahead.
 */
class HubOrderTest {
    private static final long INFY = 408_065;
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    private final LatestTicks latest = new LatestTicks();
    private final FanOutTest.RecordingTransport socket = new FanOutTest.RecordingTransport(false);
    private final Hub hub = new Hub(InstrumentRegistry.empty(), latest,
            new FeedSubscriptions(t -> PushTickSource.create("kite"), TickMode.FULL), WsLimits.defaults(),
            new ManualClock(1_700_000_000_000L), 1);
    private final ClientSession client = hub.open(Dialect.TICKS, "/ws/ticks", Principal.ANONYMOUS, "127.0.0.1", socket);
    private final TicksProtocol protocol = new TicksProtocol(hub, List.of());

    @AfterEach
    void close() {
        hub.close();
    }

    static Tick tick(long token, long sequence) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol("INFY").mode(TickMode.LTP)
                .priceScale(2).lastPrice(1500_00 + sequence).build().withIngestSequence(sequence);
    }

    private void live(long... sequences) throws Exception {
        List<Tick> batch = new ArrayList<>();
        for (long s : sequences) {
            batch.add(tick(INFY, s));
        }
        hub.broadcaster().onBatch(batch);
    }

    /** The sequences of the tick frames the client got, once the last one is {@code last}. */
    private List<Long> ticksUpTo(long last) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Long> s = sequences();
            return !s.isEmpty() && s.get(s.size() - 1) == last;
        });
        return sequences();
    }

    private List<Long> sequences() {
        List<Long> out = new ArrayList<>();
        synchronized (socket.frames) {
            for (String f : socket.frames) {
                Matcher m = SEQUENCE.matcher(f);
                if (f.contains("\"type\":\"tick\"") && m.find()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        return out;
    }

    @Test
    void shouldSkipLiveTicksNoNewerThanASnapshotThatCameFromACacheAhead() throws Exception {
        // The latest-tick cache already holds 5 while 4 and 5 are still on their way through the broadcaster.
        latest.onBatch(List.of(tick(INFY, 5)));
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "]}");
        live(4);
        live(5);
        live(6);
        assertThat(ticksUpTo(6)).containsExactly(5L, 6L);
        assertThat(hub.counters().supersededTicks()).as("4 and the live copy of 5").isEqualTo(2);
    }

    @Test
    void shouldStartFromTheTickItsFanOutThreadRoutedLastWhenTheCacheLags() throws Exception {
        latest.onBatch(List.of(tick(INFY, 1)));
        live(1);
        CountDownLatch release = FanOutTest.hold(client.shard());
        // 2 is routed before the subscription takes effect; the cache has not seen it yet.
        live(2);
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "]}");
        release.countDown();
        live(3);
        assertThat(ticksUpTo(3)).containsExactly(2L, 3L);
        assertThat(hub.counters().supersededTicks()).isZero();
    }

    @Test
    void shouldResumeWithoutRepeatingWhatTheLiveStreamBrings() throws Exception {
        CountDownLatch release = FanOutTest.hold(client.shard());
        live(1, 2);
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "],\"resume_from\":0}");
        live(3);
        release.countDown();
        live(4);
        assertThat(ticksUpTo(4)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldNotRepeatTicksTheClientSawWhenItsFanOutThreadIsBehind() throws Exception {
        live(1);
        CountDownLatch release = FanOutTest.hold(client.shard());
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "],\"resume_from\":3}");
        // The client saw 3 on another connection's fan-out thread; this one routes 2 and 3 only after it starts.
        live(2, 3);
        release.countDown();
        live(4);
        assertThat(ticksUpTo(4)).containsExactly(4L);
    }

    @Test
    void shouldReplyInTheOrderOfTheClientsMessagesWhileItsFanOutThreadIsBehind() throws Exception {
        CountDownLatch release = FanOutTest.hold(client.shard());
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "]}");
        protocol.onMessage(client, "{\"action\":\"unsubscribe\",\"tokens\":[" + INFY + "]}");
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[5]}");
        protocol.onMessage(client, "{\"action\":\"dance\"}");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames.size() == 4);
        assertThat(socket.frames).containsExactly(
                "{\"type\":\"subscribed\",\"tokens\":[" + INFY + "],\"total\":1}",
                "{\"type\":\"unsubscribed\",\"tokens\":[" + INFY + "],\"total\":0}",
                "{\"type\":\"subscribed\",\"tokens\":[5],\"total\":1}",
                "{\"type\":\"error\",\"message\":\"Unknown action: dance\"}");
    }

    @Test
    void shouldAnswerAMalformedResumeWithAnErrorAndSubscribeNothing() {
        protocol.onMessage(client, "{\"action\":\"subscribe\",\"tokens\":[" + INFY + "],\"resume_from\":\"soon\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !socket.frames.isEmpty());
        assertThat(socket.frames).containsExactly("{\"type\":\"error\",\"message\":\"" + TicksProtocol.BAD_RESUME + "\"}");
        assertThat(client.tokens()).isEmpty();
    }
}
