package io.tickengine.core.engine;

import static io.tickengine.core.engine.TestTicks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.TickMode;
import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.Tick;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TickEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TickEngine engine;

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldDeliverEveryTickInArrivalOrderPerInstrumentToEverySink() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink a = new RecordingSink("a", OverflowPolicy.NEVER_DROP);
        RecordingSink b = new RecordingSink("b", OverflowPolicy.DROP_OLDEST);
        engine = TickEngine.builder().source(source).sink(a).sink(b).firstSequence(1).build();
        engine.start();

        for (int i = 1; i <= 10_000; i++) {
            source.publish(tick(1 + i % 7, i, 1_000 + i));
        }

        await().atMost(WAIT).until(() -> a.size() == 10_000 && b.size() == 10_000);
        for (RecordingSink sink : List.of(a, b)) {
            Map<Long, List<Long>> perInstrument = new HashMap<>();
            synchronized (sink.received) {
                sink.received.forEach(t -> perInstrument.computeIfAbsent(t.instrumentToken(), k -> new ArrayList<>())
                        .add(t.lastPrice()));
            }
            perInstrument.values().forEach(prices -> assertThat(prices).isSorted());
        }
        assertThat(a.received).extracting(Tick::ingestSequence).isSorted().doesNotHaveDuplicates()
                .allMatch(s -> s > 0);
        EngineStats stats = engine.stats();
        assertThat(stats.received()).isEqualTo(10_000);
        assertThat(stats.accepted()).isEqualTo(10_000);
        assertThat(stats.lastSequence()).isEqualTo(10_000);
    }

    @Test
    void shouldRefuseAndCountTicksASourceHandsInAfterStop() {
        LeakySource source = new LeakySource();
        RecordingSink sink = new RecordingSink("sink", OverflowPolicy.NEVER_DROP);
        engine = TickEngine.builder().source(source).sink(sink).firstSequence(1).build();
        engine.start();
        source.listener.onTick(tick(1, 100, 1_000));
        await().atMost(WAIT).until(() -> sink.size() == 1);

        assertThat(engine.stop(Duration.ofSeconds(5))).isTrue();
        source.listener.onTick(tick(1, 101, 1_001));
        source.listener.onTicks(List.of(tick(2, 102, 1_002), tick(3, 103, 1_003)));

        EngineStats stats = engine.stats();
        assertThat(stats.refusedAfterStop()).isEqualTo(3);
        assertThat(stats.received()).isEqualTo(4);
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.tickSinks().get(0).queueDepth()).as("nothing left waiting in a stopped mailbox").isZero();
        assertThat(sink.size()).isEqualTo(1);
    }

    @Test
    void stopWaitsForASourceCallUnderWaySoEverySinkGetsItsTick() throws Exception {
        LeakySource source = new LeakySource();
        CountDownLatch inValidation = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink first = new RecordingSink("first", OverflowPolicy.NEVER_DROP);
        RecordingSink second = new RecordingSink("second", OverflowPolicy.NEVER_DROP);
        engine = TickEngine.builder().source(source).sink(first).sink(second).firstSequence(1)
                .knownInstruments(token -> {
                    if (token == 9) {
                        inValidation.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return true;
                }).build();
        engine.start();
        // A feed's read thread is inside the engine when stop begins (its close does not wait for it).
        Thread feed = new Thread(() -> source.listener.onTick(tick(9, 100, 1_000)));
        feed.start();
        assertThat(inValidation.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> engine.stop(Duration.ofSeconds(10)));

        Thread.sleep(200);
        assertThat(stopped).as("stop waits while a source call is under way").isNotDone();
        release.countDown();

        assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
        feed.join(10_000);
        assertThat(first.size()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(1);
        assertThat(engine.stats().tickSinks()).allMatch(k -> k.queueDepth() == 0);
        assertThat(engine.stats().refusedAfterStop()).isZero();
    }

    /** A source that keeps delivering after close, as a buggy or slow-to-stop one may. */
    private static final class LeakySource implements TickSource {
        volatile TickListener listener;

        @Override
        public String name() {
            return "leaky";
        }

        @Override
        public void start(TickListener listener) {
            this.listener = listener;
        }

        @Override
        public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Long> instrumentTokens) {
        }

        @Override
        public SourceStatus status() {
            return new SourceStatus("leaky", SourceState.CONNECTED, "", 0);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldDeliverFramesOfTicksInOrderWithConsecutiveSequences() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink never = new RecordingSink("never", OverflowPolicy.NEVER_DROP);
        RecordingSink oldest = new RecordingSink("oldest", OverflowPolicy.DROP_OLDEST);
        engine = TickEngine.builder().source(source).sink(never).sink(oldest).firstSequence(1).build();
        engine.start();

        for (int frame = 0; frame < 100; frame++) {
            List<Tick> ticks = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                int price = frame * 50 + i;
                ticks.add(tick(1, price % 10 == 0 ? 0 : price, price));
            }
            source.publishAll(ticks);
        }

        await().atMost(WAIT).until(() -> never.size() == 4_500 && oldest.size() == 4_500);
        assertThat(never.prices()).isSorted().doesNotContain(0L);
        assertThat(never.received).extracting(Tick::ingestSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 4_500).boxed().collect(Collectors.toList()));
        assertThat(oldest.prices()).isEqualTo(never.prices());
        EngineStats stats = engine.stats();
        assertThat(stats.received()).isEqualTo(5_000);
        assertThat(stats.rejected()).containsEntry(TickIssue.ZERO_PRICE, 500L);
    }

    @Test
    void shouldNotDelayFastSinkWhileSlowSinkSleeps() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink slow = new RecordingSink("slow", OverflowPolicy.NEVER_DROP);
        slow.sleepMillisPerBatch = 1_000;
        // Held in its first batch until the fast sink is checked, so a slow machine cannot end that batch first.
        slow.gate = new CountDownLatch(1);
        RecordingSink fast = new RecordingSink("fast", OverflowPolicy.DROP_OLDEST);
        engine = TickEngine.builder().source(source).sink(slow).sink(fast).build();
        engine.start();

        source.publish(tick(1, 100, 1));
        await().atMost(WAIT).until(() -> slow.entered.getCount() == 0);
        for (int i = 0; i < 5_000; i++) {
            source.publish(tick(2, 200 + i, 2 + i));
        }

        await().atMost(WAIT).until(() -> fast.size() == 5_001);
        assertThat(slow.batches.get()).as("the slow sink is still in its first batch").isZero();
        slow.gate.countDown();
        await().atMost(WAIT).until(() -> sinkStats("slow").delivered() == 5_001);
        SinkStats timed = sinkStats("slow");
        assertThat(timed.batches()).isEqualTo(slow.batches.get()).isGreaterThanOrEqualTo(2);
        assertThat(timed.batchNanos()).as("each batch slept 1 s").isGreaterThanOrEqualTo(timed.batches() * 1_000_000_000L);
        assertThat(sinkStats("fast").batches()).isPositive();
    }

    @Test
    void shouldIsolateThrowingSinkAndRecoverWithoutLossWhenNeverDrop() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink failing = new RecordingSink("failing", OverflowPolicy.NEVER_DROP);
        failing.failuresLeft.set(6);
        RecordingSink healthy = new RecordingSink("healthy", OverflowPolicy.DROP_OLDEST);
        SinkOptions options = SinkOptions.builder().failureThreshold(3).retryBackoff(Duration.ofMillis(1))
                .openDuration(Duration.ofMillis(50)).build();
        engine = TickEngine.builder().source(source).sink(failing, options).sink(healthy).build();
        engine.start();

        for (int i = 1; i <= 1_000; i++) {
            source.publish(tick(1, i, i));
        }

        await().atMost(WAIT).until(() -> healthy.size() == 1_000);
        await().atMost(WAIT).until(() -> failing.size() == 1_000);
        // The breaker closes once the sink returns, just after the sink recorded the batch.
        await().atMost(WAIT).until(() -> sinkStats("failing").circuit() == CircuitState.CLOSED);
        assertThat(failing.prices()).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 1_000).boxed().collect(Collectors.toList()));
        SinkStats stats = sinkStats("failing");
        assertThat(stats.errors()).isEqualTo(6);
        assertThat(stats.dropped()).isZero();
        assertThat(stats.circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void shouldOpenCircuitAndDropWhileOpenForDroppingSinks() throws Exception {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink failing = new RecordingSink("failing", OverflowPolicy.DROP_OLDEST);
        failing.failuresLeft.set(Integer.MAX_VALUE);
        SinkOptions options = SinkOptions.builder().failureThreshold(2).retryBackoff(Duration.ofMillis(1))
                .openDuration(Duration.ofMillis(100)).build();
        engine = TickEngine.builder().source(source).sink(failing, options).build();
        engine.start();

        source.publish(tick(1, 1, 1));
        await().atMost(WAIT).until(() -> sinkStats("failing").circuit() == CircuitState.OPEN);
        source.publish(tick(1, 2, 2));
        await().atMost(WAIT).until(() -> sinkStats("failing").dropped() == 2);
        assertThat(engine.stats().degraded()).isTrue();

        failing.failuresLeft.set(0);
        // A live feed keeps ticking; the first tick after the cool-down is the trial that closes the circuit.
        AtomicLong price = new AtomicLong(2);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            source.publish(tick(1, price.incrementAndGet(), price.get()));
            return sinkStats("failing").circuit() == CircuitState.CLOSED && failing.size() >= 1;
        });
        // Every tick is accounted for: delivered or counted as dropped, none left queued.
        await().atMost(WAIT).until(() -> {
            SinkStats s = sinkStats("failing");
            return s.delivered() + s.dropped() == price.get();
        });
        assertThat(sinkStats("failing").queueDepth()).isZero();
        assertThat(failing.prices()).isSorted().allMatch(p -> p >= 3);
    }

    @Test
    void shouldDropOldestAndCountWhenBufferIsFull() throws Exception {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("held", OverflowPolicy.DROP_OLDEST);
        sink.gate = new CountDownLatch(1);
        engine = TickEngine.builder().source(source)
                .sink(sink, SinkOptions.builder().capacity(16).maxBatch(1).build()).build();
        engine.start();

        source.publish(tick(1, 1, 1));
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 1_000; i++) {
            source.publish(tick(1, i, i));
        }
        sink.gate.countDown();

        // Delivered is counted once onBatch returned, after the mailbox emptied: wait for the count itself.
        await().atMost(WAIT).until(() -> {
            SinkStats s = sinkStats("held");
            return s.delivered() + s.dropped() == 1_000;
        });
        SinkStats stats = sinkStats("held");
        assertThat(stats.queueDepth()).isZero();
        assertThat(stats.dropped()).isGreaterThan(0);
        List<Long> prices = sink.prices();
        assertThat(prices).isSorted().endsWith(1_000L).startsWith(1L);
    }

    @Test
    void shouldConflateToLatestTickPerInstrument() throws Exception {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("conflating", OverflowPolicy.CONFLATE);
        sink.gate = new CountDownLatch(1);
        // Two ticks pass through in arrival order; past them the sink gets the latest per instrument.
        engine = TickEngine.builder().source(source).sink(sink, SinkOptions.builder().capacity(2).build()).build();
        engine.start();

        source.publish(tick(9, 1, 1));
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 300; i++) {
            source.publish(tick(i % 3, i, i));
        }
        sink.gate.countDown();

        await().atMost(WAIT).until(() -> sink.size() == 6);
        assertThat(sink.prices()).containsExactly(1L, 1L, 2L, 300L, 298L, 299L);
        assertThat(sinkStats("conflating").conflated()).isEqualTo(295);
    }

    @Test
    void shouldLoseNothingANeverDropSinkAcceptedOnStop() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("db", OverflowPolicy.NEVER_DROP);
        sink.sleepMillisPerBatch = 2;
        engine = TickEngine.builder().source(source)
                .sink(sink, SinkOptions.builder().maxBatch(100).build()).build();
        engine.start();
        for (int i = 1; i <= 20_000; i++) {
            source.publish(tick(1 + i % 50, i, i));
        }

        boolean clean = engine.stop(Duration.ofSeconds(60));

        assertThat(clean).isTrue();
        assertThat(source.isClosed()).isTrue();
        assertThat(sink.size()).isEqualTo(20_000);
        assertThat(sink.lifecycle).containsExactly("flush:20000", "close");
        assertThat(sinkStats("db").dropped()).isZero();
    }

    @Test
    void shouldGiveATimerThatFollowsTheInputTheTimeItHasSeenItUpTo() throws Exception {
        ManualClock clock = new ManualClock(1_732_000_000_000L);
        long t = clock.millis();
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("windows", OverflowPolicy.NEVER_DROP);
        sink.timerFollowsInput = true;
        sink.gate = new CountDownLatch(1);
        engine = TickEngine.builder().clock(clock).source(source)
                .sink(sink, SinkOptions.builder().maxBatch(1).build()).build();
        engine.start();

        source.publish(tick(1, 1, t));
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
        source.publish(tick(1, 2, t + 1));
        source.publish(tick(1, 3, t + 2));
        clock.advance(1_000);
        sink.gate.countDown();

        // The timer fell due after the second tick, with the third still waiting: it got the second's time.
        await().atMost(WAIT).until(() -> sink.size() == 3);
        assertThat(sink.timerTimes).containsExactly(t + 1);
        clock.advance(100);
        await().atMost(WAIT).until(() -> sink.timerTimes.size() == 2);
        assertThat(sink.timerTimes).as("caught up: the clock").containsExactly(t + 1, t + 1_100);
    }

    @Test
    void shouldShowTheLagOfASinkStuckInItsCallGrowing() throws Exception {
        ManualClock clock = new ManualClock(1_732_000_000_000L);
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("stuck", OverflowPolicy.NEVER_DROP);
        sink.gate = new CountDownLatch(1);
        engine = TickEngine.builder().clock(clock).source(source).sink(sink).build();
        engine.start();

        source.publish(tick(1, 1, clock.millis()));
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
        clock.advance(5_000);

        assertThat(sinkStats("stuck").lagMillis()).isEqualTo(5_000);
        assertThat(sinkStats("stuck").queueDepth()).as("the tick it is stuck on").isEqualTo(1);
        clock.advance(2_000);
        assertThat(sinkStats("stuck").lagMillis()).isEqualTo(7_000);

        sink.gate.countDown();
        await().atMost(WAIT).until(() -> sinkStats("stuck").queueDepth() == 0);
        assertThat(sinkStats("stuck").lagMillis()).as("the tick's age when the sink took it").isEqualTo(7_000);
    }

    @Test
    void shouldCountOverflowOfNeverDropSinkPastItsBound() throws Exception {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("stuck", OverflowPolicy.NEVER_DROP);
        sink.gate = new CountDownLatch(1);
        engine = TickEngine.builder().source(source)
                .sink(sink, SinkOptions.builder().capacity(64).maxBatch(1).build()).build();
        engine.start();

        source.publish(tick(1, 1, 1));
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 200; i++) {
            source.publish(tick(1, i, i));
        }

        SinkStats stats = sinkStats("stuck");
        assertThat(stats.dropped()).isEqualTo(200 - 1 - 64);
        assertThat(stats.queueDepth()).as("the full mailbox and the tick the sink is stuck on").isEqualTo(64 + 1);
        assertThat(stats.degraded()).isTrue();
        sink.gate.countDown();
        await().atMost(WAIT).until(() -> sink.size() == 65);
        assertThat(sink.prices()).isSorted();
    }

    @Test
    void shouldCallTimerWhileIdle() {
        RecordingSink sink = new RecordingSink("timed", OverflowPolicy.DROP_OLDEST);
        engine = TickEngine.builder().sink(sink).build();
        engine.start();

        await().atMost(WAIT).until(() -> sink.timerCalls.get() >= 5);
    }

    @Test
    void shouldAssignUniqueMonotonicSequencesAcrossConcurrentSources() throws Exception {
        PushTickSource s1 = PushTickSource.create("s1");
        PushTickSource s2 = PushTickSource.create("s2");
        RecordingSink sink = new RecordingSink("all", OverflowPolicy.NEVER_DROP);
        engine = TickEngine.builder().source(s1).source(s2).sink(sink).firstSequence(1).build();
        engine.start();

        Thread t1 = new Thread(() -> LongStream.rangeClosed(1, 5_000).forEach(i -> s1.publish(tick(1, i, i))));
        Thread t2 = new Thread(() -> LongStream.rangeClosed(1, 5_000).forEach(i -> s2.publish(tick(2, i, i))));
        t1.start();
        t2.start();
        t1.join();
        t2.join();

        await().atMost(WAIT).until(() -> sink.size() == 10_000);
        assertThat(sink.received).extracting(Tick::ingestSequence).doesNotHaveDuplicates()
                .allMatch(s -> s >= 1 && s <= 10_000);
        for (long token : new long[] {1, 2}) {
            assertThat(sink.received.stream().filter(t -> t.instrumentToken() == token).map(Tick::ingestSequence)
                    .collect(Collectors.toList())).isSorted();
        }
    }

    @Test
    void shouldStampFreshTicksInPlaceAndCopyATickPublishedAgain() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink never = new RecordingSink("never", OverflowPolicy.NEVER_DROP);
        RecordingSink latest = new RecordingSink("latest", OverflowPolicy.CONFLATE);
        engine = TickEngine.builder().source(source).sink(never).sink(latest).firstSequence(1).build();
        engine.start();
        Tick first = tick(1, 100, 1);
        Tick second = tick(2, 200, 2);

        source.publish(first);
        source.publishAll(List.of(first, second));

        await().atMost(WAIT).until(() -> never.size() == 3);
        assertThat(never.received.get(0)).isSameAs(first);
        assertThat(first.ingestSequence()).isEqualTo(1);
        assertThat(never.received.get(1)).isNotSameAs(first).isEqualTo(first.withIngestSequence(2));
        assertThat(never.received.get(2)).isSameAs(second);
        assertThat(second.ingestSequence()).isEqualTo(3);
        await().atMost(WAIT).until(() -> {
            SinkStats s = sinkStats("latest");
            return s.delivered() + s.conflated() == 3;
        });
        assertThat(latest.received).extracting(Tick::ingestSequence).isSubsetOf(1L, 2L, 3L).contains(3L);
        EngineStats stats = engine.stats();
        assertThat(stats.received()).isEqualTo(3);
        assertThat(stats.accepted()).isEqualTo(3);
    }

    @Test
    void shouldConflateFramesToTheLatestTickPerInstrumentInOrder() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink latest = new RecordingSink("latest", OverflowPolicy.CONFLATE);
        RecordingSink never = new RecordingSink("never", OverflowPolicy.NEVER_DROP);
        engine = TickEngine.builder().source(source).sink(latest).sink(never).firstSequence(1).build();
        engine.start();
        int instruments = 2_500;

        for (int frame = 0; frame < 200; frame++) {
            List<Tick> ticks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = frame * 50 + i;
                ticks.add(tick(1_000 + (n * 7L % instruments) * 256, n % 13 == 0 ? 0 : 1 + n, n));
            }
            source.publishAll(ticks);
        }

        await().atMost(WAIT).until(() -> never.size() + engine.stats().rejected().get(TickIssue.ZERO_PRICE) == 10_000);
        long accepted = engine.stats().accepted();
        await().atMost(WAIT).until(() -> {
            SinkStats s = sinkStats("latest");
            return s.delivered() + s.conflated() == accepted;
        });
        Map<Long, List<Long>> perInstrument = new HashMap<>();
        synchronized (latest.received) {
            latest.received.forEach(t -> perInstrument.computeIfAbsent(t.instrumentToken(), k -> new ArrayList<>())
                    .add(t.ingestSequence()));
        }
        Map<Long, Long> lastSequence = new HashMap<>();
        synchronized (never.received) {
            never.received.forEach(t -> lastSequence.put(t.instrumentToken(), t.ingestSequence()));
        }
        assertThat(perInstrument).hasSize(lastSequence.size());
        perInstrument.forEach((token, sequences) -> {
            assertThat(sequences).as("instrument " + token).isSorted().doesNotHaveDuplicates();
            assertThat(sequences.get(sequences.size() - 1)).as("instrument " + token).isEqualTo(lastSequence.get(token));
        });
    }

    @Test
    void shouldApplyEachValidationPolicyAndCountEveryIssue() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("all", OverflowPolicy.NEVER_DROP);
        InstrumentRegistry registry = InstrumentRegistry.of(List.of(new Instrument(1, 1, "KNOWN", "Known Ltd", null,
                null, null, null, 1, "EQ", "NSE", Exchange.NSE)));
        engine = TickEngine.builder().source(source).sink(sink).instruments(registry)
                .validation(ValidationOptions.builder().policy(TickIssue.NEGATIVE_PRICE, BadTickPolicy.ACCEPT)
                        .policy(TickIssue.UNKNOWN_INSTRUMENT, BadTickPolicy.REJECT).build())
                .build();
        engine.start();
        long now = 1_700_000_000_000L;

        source.publish(withExchangeTs(tick(1, 100, now), now));            // fine
        source.publish(tick(1, 0, now));                                    // zero price: rejected
        source.publish(tick(1, -5, now));                                   // negative: accepted by policy
        source.publish(withExchangeTs(tick(1, 101, now), now - 5_000));     // out of order: accepted
        source.publish(withExchangeTs(tick(1, 102, now), now + 61_000));    // future: rejected
        source.publish(tick(2, 103, now));                                  // unknown instrument: rejected

        await().atMost(WAIT).until(() -> sink.size() == 3);
        assertThat(sink.prices()).containsExactly(100L, -5L, 101L);
        EngineStats stats = engine.stats();
        assertThat(stats.issues()).containsEntry(TickIssue.ZERO_PRICE, 1L).containsEntry(TickIssue.NEGATIVE_PRICE, 1L)
                .containsEntry(TickIssue.OUT_OF_ORDER, 1L).containsEntry(TickIssue.FUTURE_TIMESTAMP, 1L)
                .containsEntry(TickIssue.UNKNOWN_INSTRUMENT, 1L);
        assertThat(stats.rejected()).containsEntry(TickIssue.ZERO_PRICE, 1L).containsEntry(TickIssue.NEGATIVE_PRICE, 0L)
                .containsEntry(TickIssue.OUT_OF_ORDER, 0L).containsEntry(TickIssue.FUTURE_TIMESTAMP, 1L)
                .containsEntry(TickIssue.UNKNOWN_INSTRUMENT, 1L);
        assertThat(stats.received()).isEqualTo(6);
        assertThat(stats.accepted()).isEqualTo(3);
    }

    @Test
    void shouldPassDepthTicksWithoutCountingTheirMissingPriceAsZeroPrice() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("all", OverflowPolicy.NEVER_DROP);
        engine = TickEngine.builder().source(source).sink(sink).build();
        engine.start();
        long now = 1_700_000_000_000L;
        Depth book = Depth.builder(1).bid(99_95, 10, 1).ask(100_05, 20, 2).build();

        source.publish(tick(1, 0, now).toBuilder().mode(TickMode.DEPTH).depth(book).build()); // order book: accepted
        source.publish(tick(1, 0, now));                                                       // quote at 0: rejected

        await().atMost(WAIT).until(() -> sink.size() == 1 && engine.stats().received() == 2);
        assertThat(sink.received.get(0).mode()).isEqualTo(TickMode.DEPTH);
        assertThat(sink.received.get(0).depth()).isEqualTo(book);
        assertThat(engine.stats().issues()).containsEntry(TickIssue.ZERO_PRICE, 1L);
        assertThat(engine.stats().rejected()).containsEntry(TickIssue.ZERO_PRICE, 1L);
    }

    @Test
    void shouldCheckExchangeTimeOrderAmongTradeTicksAndAmongBookTicksSeparately() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingSink sink = new RecordingSink("all", OverflowPolicy.NEVER_DROP);
        engine = TickEngine.builder().source(source).sink(sink)
                .validation(ValidationOptions.builder().policy(TickIssue.OUT_OF_ORDER, BadTickPolicy.REJECT).build())
                .build();
        engine.start();
        long now = 1_700_000_000_000L;
        Depth book = Depth.builder(1).bid(99_95, 10, 1).ask(100_05, 20, 2).build();

        source.publish(withExchangeTs(tick(1, 100, now), now));                                   // trade at t
        source.publish(withExchangeTs(tick(1, 0, now).toBuilder().mode(TickMode.DEPTH).depth(book).build(),
                now - 300));                                                                      // book at t-300: its own order
        source.publish(withExchangeTs(tick(1, 101, now), now - 200));                           // trade before t: out of order
        source.publish(withExchangeTs(tick(1, 0, now).toBuilder().mode(TickMode.DEPTH).depth(book).build(),
                now - 400));                                                                      // book before t-300: out of order
        source.publish(withExchangeTs(tick(1, 102, now), now + 100));                           // trade after t

        await().atMost(WAIT).until(() -> engine.stats().received() == 5 && sink.size() == 3);
        assertThat(sink.received).extracting(Tick::mode).containsExactly(TickMode.QUOTE, TickMode.DEPTH, TickMode.QUOTE);
        assertThat(engine.stats().rejected()).containsEntry(TickIssue.OUT_OF_ORDER, 2L);
    }

    @Test
    void shouldStartSequencesFromTheClockSoTheyKeepIncreasingAcrossRestarts() {
        ManualClock clock = new ManualClock(1_732_000_000_000L);
        long previousRunLast = 0;
        for (int run = 0; run < 3; run++) {
            PushTickSource source = PushTickSource.create("feed");
            RecordingSink sink = new RecordingSink("db", OverflowPolicy.NEVER_DROP);
            TickEngine e = TickEngine.builder().clock(clock).source(source).sink(sink).build();
            e.start();
            for (int i = 1; i <= 1_000; i++) {
                source.publish(tick(1, i, clock.millis()));
            }
            e.stop(Duration.ofSeconds(10));
            assertThat(sink.received.get(0).ingestSequence()).isGreaterThan(previousRunLast)
                    .isEqualTo(clock.millis() << TickEngine.SEQUENCE_SHIFT)
                    .as("exact as a JavaScript number").isLessThan(1L << 53);
            previousRunLast = e.stats().lastSequence();
            clock.advance(1);
        }
    }

    @Test
    void shouldRejectDuplicateSinkNames() {
        assertThatThrownBy(() -> TickEngine.builder()
                .sink(new RecordingSink("same", OverflowPolicy.DROP_OLDEST))
                .sink(new RecordingSink("same", OverflowPolicy.CONFLATE)).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'same'");
    }

    @Test
    void shouldRejectStartingTwice() {
        engine = TickEngine.builder().build();
        engine.start();
        assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class);
    }

    private static Tick withExchangeTs(Tick tick, long exchangeTs) {
        return tick.toBuilder().exchangeTimestamp(exchangeTs).build();
    }

    private SinkStats sinkStats(String name) {
        return engine.stats().tickSinks().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
