package io.tickengine.core.engine;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.AggregatorOptions;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleAggregator;
import io.tickengine.core.engine.internal.InstrumentIndex;
import io.tickengine.core.engine.internal.SinkWorker;
import io.tickengine.core.engine.internal.TickValidator;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.internal.IngestStamp;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.core.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires sources to sinks. Each sink runs on its own thread with its own bounded buffer and overflow
 * policy, so a slow or failing sink never blocks ingestion or another sink; per instrument every
 * sink sees ticks in arrival order. Build with {@link #builder()}, then {@link #start()} and
 * {@link #stop(Duration)} (or {@link #close()}), which drains and flushes every sink.
 */
public final class TickEngine implements AutoCloseable {
    /** How long {@link #close()} waits for sinks to drain. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * By default a run's first ingest sequence is {@code clock.millis() << 11}: sequences keep
     * increasing across restarts unless a run averaged more than 2 million ticks per second, and stay
     * below 2^53 (exact in JavaScript and every JSON parser) until the year 2109.
     */
    public static final int SEQUENCE_SHIFT = 11;

    private static final Logger LOG = LoggerFactory.getLogger(TickEngine.class);

    private final Clock clock;
    private final List<TickSource> sources;
    private final List<SinkWorker<Tick>> tickWorkers;
    private final List<SinkWorker<Candle>> candleWorkers;
    private final SinkWorker<Tick>[] tickWorkerArray;
    private final TickValidator validator;
    private final Consumer<SourceStatus> statusListener;
    private final Consumer<SourceMessage> messageListener;
    private final Map<String, SourceStatus> sourceStatus = new ConcurrentHashMap<>();
    private final long firstSequence;
    // Counts accepted ticks too: accepted = sequence - firstSequence + 1, received = accepted + rejected.
    private final AtomicLong sequence;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refusedAfterStop = new LongAdder();
    // False once stop() has closed the sources: later ticks are refused and counted, not left in a mailbox.
    private volatile boolean accepting = true;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();
    // Source calls under way; stop waits for them after closing the sources, so no tick is offered to a
    // sink whose worker already made its last drain.
    private final LongAdder inFlight = new LongAdder();
    // Present when a tick sink conflates: one lookup per tick gives every conflating sink its slot.
    private final InstrumentIndex instrumentIndex;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean stopped;

    @SuppressWarnings("unchecked")
    private TickEngine(Builder b) {
        this.clock = b.clock;
        this.firstSequence = b.firstSequence != null ? b.firstSequence : clock.millis() << SEQUENCE_SHIFT;
        this.sequence = new AtomicLong(firstSequence - 1);
        this.sources = List.copyOf(b.sources);
        this.validator = new TickValidator(b.validation, b.knownInstrument);
        this.statusListener = b.statusListener;
        this.messageListener = b.messageListener;
        List<SinkWorker<Candle>> candles = new ArrayList<>();
        for (Map.Entry<CandleSink, SinkOptions> e : b.candleSinks) {
            candles.add(SinkWorker.forCandles(e.getKey(), e.getValue(), clock));
        }
        this.candleWorkers = List.copyOf(candles);
        List<SinkWorker<Tick>> ticks = new ArrayList<>();
        for (Map.Entry<TickSink, SinkOptions> e : b.tickSinks) {
            ticks.add(SinkWorker.forTicks(e.getKey(), e.getValue(), clock));
        }
        Consumer<Candle> fanOut = this::publishCandle;
        for (Map.Entry<Function<Consumer<Candle>, TickSink>, SinkOptions> e : b.candleProducers) {
            ticks.add(SinkWorker.forTicks(e.getKey().apply(fanOut), e.getValue(), clock));
        }
        Set<String> names = new HashSet<>();
        ticks.forEach(w -> Builder.unique(names, w.name(), "sink"));
        candles.forEach(w -> Builder.unique(names, w.name(), "sink"));
        this.tickWorkers = List.copyOf(ticks);
        this.tickWorkerArray = tickWorkers.toArray(new SinkWorker[0]);
        this.instrumentIndex = tickWorkers.stream().anyMatch(SinkWorker::conflates) ? new InstrumentIndex() : null;
        for (TickSource s : sources) {
            sourceStatus.put(s.name(), s.status());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every sink's thread, then every source.
     *
     * @throws IllegalStateException when already started
     */
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("engine already started");
            }
            started = true;
            candleWorkers.forEach(SinkWorker::start);
            tickWorkers.forEach(SinkWorker::start);
            for (TickSource source : sources) {
                source.start(new Ingest(source.name()));
            }
            LOG.info("engine started: {} sources, {} tick sinks, {} candle sinks", sources.size(), tickWorkers.size(),
                    candleWorkers.size());
        }
    }

    /**
     * Stops the sources, then lets every sink deliver what it buffered, flush and close, waiting up to
     * {@code timeout} in all. Idempotent.
     *
     * @return true when every sink finished in time; false when something buffered was lost (counted)
     */
    public boolean stop(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        synchronized (lifecycle) {
            if (stopped) {
                return true;
            }
            stopped = true;
            for (TickSource source : sources) {
                try {
                    source.close();
                } catch (RuntimeException e) {
                    LOG.warn("source {} failed to close", source.name(), e);
                }
            }
            accepting = false;
            long deadline = System.nanoTime() + timeout.toNanos();
            awaitSourceCalls(deadline);
            boolean clean = stopAll(tickWorkers, deadline);
            clean &= stopAll(candleWorkers, deadline);
            LOG.info("engine stopped{}", clean ? "" : " with undelivered items (see sink stats)");
            return clean;
        }
    }

    /** {@link #stop(Duration)} with {@link #DEFAULT_STOP_TIMEOUT}. */
    @Override
    public void close() {
        stop(DEFAULT_STOP_TIMEOUT);
    }

    /** The sources, in the order given to the builder. */
    public List<TickSource> sources() {
        return sources;
    }

    /** A snapshot of every counter. */
    public EngineStats stats() {
        List<SinkStats> ticks = new ArrayList<>(tickWorkers.size());
        tickWorkers.forEach(w -> ticks.add(w.stats()));
        List<SinkStats> candles = new ArrayList<>(candleWorkers.size());
        candleWorkers.forEach(w -> candles.add(w.stats()));
        long last = sequence.get();
        long accepted = last - firstSequence + 1;
        long refused = refusedAfterStop.sum();
        return new EngineStats(accepted + rejected.sum() + refused, accepted, refused, last, validator.issues(),
                validator.rejections(), ticks, candles, new ArrayList<>(sourceStatus.values()));
    }

    private void publishCandle(Candle candle) {
        for (SinkWorker<Candle> w : candleWorkers) {
            w.offer(candle);
        }
    }

    /** Waits until no source call is under way (a call that starts now is refused), or the deadline. */
    private void awaitSourceCalls(long deadlineNanos) {
        while (inFlight.sum() != 0) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                LOG.warn("a source was still handing in ticks at the stop deadline");
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static boolean stopAll(List<? extends SinkWorker<?>> workers, long deadlineNanos) {
        boolean clean = true;
        for (SinkWorker<?> w : workers) {
            try {
                clean &= w.stop(deadlineNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return clean;
    }

    /** The listener one source delivers into; runs on the source's threads and never blocks. */
    private final class Ingest implements TickListener {
        private final String source;

        Ingest(String source) {
            this.source = source;
        }

        /** Counts ticks handed in after stop; logged once per engine, the count is in the stats. */
        private void refuse(int n) {
            if (n == 0) {
                return;
            }
            refusedAfterStop.add(n);
            if (refusalLogged.compareAndSet(false, true)) {
                LOG.warn("source {} handed in ticks after the engine stopped; they are refused and counted", source);
            }
        }

        @Override
        public void onTick(Tick tick) {
            inFlight.increment();
            try {
                if (accepting) {
                    ingest(tick);
                } else {
                    refuse(1);
                }
            } finally {
                inFlight.decrement();
            }
        }

        @Override
        public void onTicks(List<Tick> ticks) {
            inFlight.increment();
            try {
                if (accepting) {
                    ingestAll(ticks);
                } else {
                    refuse(ticks.size());
                }
            } finally {
                inFlight.decrement();
            }
        }

        private void ingest(Tick tick) {
            if (!validator.accept(Objects.requireNonNull(tick, "tick"))) {
                rejected.increment();
                return;
            }
            Tick stamped = IngestStamp.stamp(tick, sequence.incrementAndGet());
            SinkWorker<Tick>[] workers = tickWorkerArray;
            if (instrumentIndex == null) {
                for (SinkWorker<Tick> w : workers) {
                    w.offer(stamped);
                }
                return;
            }
            int index = instrumentIndex.indexOf(stamped.instrumentToken());
            for (SinkWorker<Tick> w : workers) {
                w.offer(stamped, index);
            }
        }

        /**
         * Validates and stamps the whole frame, then hands it to each sink in one bulk offer. While every
         * tick passes and is stamped in place, the source's own list is offered (sinks copy out of it
         * before this returns); a private copy is made only when one is rejected or must be copied.
         */
        private void ingestAll(List<Tick> ticks) {
            int n = ticks.size();
            List<Tick> out = ticks;
            for (int i = 0; i < n; i++) {
                Tick tick = Objects.requireNonNull(ticks.get(i), "tick");
                if (validator.accept(tick)) {
                    if (out != ticks) {
                        out.add(tick);
                    }
                } else if (out == ticks) {
                    out = new ArrayList<>(ticks.subList(0, i));
                }
            }
            int accepted = out.size();
            if (accepted < n) {
                rejected.add(n - accepted);
            }
            if (accepted == 0) {
                return;
            }
            long first = sequence.getAndAdd(accepted) + 1;
            int[] indexes = instrumentIndex == null ? null : new int[accepted];
            for (int i = 0; i < accepted; i++) {
                Tick tick = out.get(i);
                Tick stamped = IngestStamp.stamp(tick, first + i);
                if (stamped != tick) {
                    if (out == ticks) {
                        out = new ArrayList<>(ticks);
                    }
                    out.set(i, stamped);
                }
                if (indexes != null) {
                    indexes[i] = instrumentIndex.indexOf(tick.instrumentToken());
                }
            }
            SinkWorker<Tick>[] workers = tickWorkerArray;
            for (SinkWorker<Tick> w : workers) {
                if (indexes == null) {
                    w.offerAll(out);
                } else {
                    w.offerAll(out, indexes);
                }
            }
        }

        @Override
        public void onStatus(SourceStatus status) {
            sourceStatus.put(source, status);
            LOG.info("source {} is {}{}", source, status.state(), status.detail().isEmpty() ? "" : ": " + status.detail());
            notify(statusListener, status);
        }

        @Override
        public void onMessage(SourceMessage message) {
            notify(messageListener, message);
        }

        private <T> void notify(Consumer<T> listener, T value) {
            if (listener == null) {
                return;
            }
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("listener failed for {} from source {}", value.getClass().getSimpleName(), source, e);
            }
        }
    }

    /** Builds a {@link TickEngine}; every sink name must be unique. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private ValidationOptions validation = ValidationOptions.defaults();
        private LongPredicate knownInstrument;
        private final List<TickSource> sources = new ArrayList<>();
        private final List<Map.Entry<TickSink, SinkOptions>> tickSinks = new ArrayList<>();
        private final List<Map.Entry<CandleSink, SinkOptions>> candleSinks = new ArrayList<>();
        private final List<Map.Entry<Function<Consumer<Candle>, TickSink>, SinkOptions>> candleProducers =
                new ArrayList<>();
        private Consumer<SourceStatus> statusListener;
        private Consumer<SourceMessage> messageListener;
        private Long firstSequence;

        private Builder() {
        }

        /**
         * The ingest sequence of the first accepted tick; by default {@code clock.millis() << }
         * {@value TickEngine#SEQUENCE_SHIFT}, which keeps sequences increasing across restarts.
         */
        public Builder firstSequence(long firstSequence) {
            if (firstSequence < 1) {
                throw new InvalidConfigurationException("firstSequence must be positive, was " + firstSequence);
            }
            this.firstSequence = firstSequence;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder validation(ValidationOptions validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** Tells the validator which tokens are known, for {@link TickIssue#UNKNOWN_INSTRUMENT}. */
        public Builder knownInstruments(LongPredicate knownInstrument) {
            this.knownInstrument = Objects.requireNonNull(knownInstrument, "knownInstrument");
            return this;
        }

        /** Counts ticks of instruments missing from the registry as {@link TickIssue#UNKNOWN_INSTRUMENT}. */
        public Builder instruments(InstrumentRegistry registry) {
            Objects.requireNonNull(registry, "registry");
            return knownInstruments(token -> registry.findByToken(token) != null);
        }

        public Builder source(TickSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public Builder sink(TickSink sink) {
            return sink(sink, SinkOptions.defaults());
        }

        public Builder sink(TickSink sink, SinkOptions options) {
            tickSinks.add(Map.entry(Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(options, "options")));
            return this;
        }

        public Builder candleSink(CandleSink sink) {
            return candleSink(sink, SinkOptions.defaults());
        }

        public Builder candleSink(CandleSink sink, SinkOptions options) {
            candleSinks.add(Map.entry(Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(options, "options")));
            return this;
        }

        /**
         * Builds candles from the accepted ticks with a {@link CandleAggregator} on its own thread and
         * fans them out to the candle sinks; the aggregator's late-tick counters appear in its sink stats.
         * The aggregator reads time from the engine's clock, whenever {@link #clock} is set.
         */
        public Builder candles(AggregatorOptions options) {
            Objects.requireNonNull(options, "options");
            return candleProducer(output -> CandleAggregator.create(options, clock, output),
                    SinkOptions.builder().overflowPolicy(OverflowPolicy.NEVER_DROP).build());
        }

        /**
         * Adds a tick sink that produces candles, such as the candle aggregator: {@code factory} gets
         * the engine's candle fan-out and returns the sink.
         */
        public Builder candleProducer(Function<Consumer<Candle>, TickSink> factory, SinkOptions options) {
            candleProducers.add(Map.entry(Objects.requireNonNull(factory, "factory"),
                    Objects.requireNonNull(options, "options")));
            return this;
        }

        /** Called on the source's thread when a source changes state; must not block. */
        public Builder onStatus(Consumer<SourceStatus> listener) {
            this.statusListener = listener;
            return this;
        }

        /** Called on the source's thread for feed text messages (order postbacks, errors); must not block. */
        public Builder onMessage(Consumer<SourceMessage> listener) {
            this.messageListener = listener;
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws InvalidConfigurationException when two sinks or two sources share a name
         */
        public TickEngine build() {
            Set<String> sourceNames = new HashSet<>();
            for (TickSource s : sources) {
                unique(sourceNames, s.name(), "source");
            }
            return new TickEngine(this);
        }

        private static void unique(Set<String> names, String name, String what) {
            if (name == null || name.isBlank() || !names.add(name)) {
                throw new InvalidConfigurationException("every " + what + " needs a unique, non-blank name; '" + name
                        + "' is blank or used twice");
            }
        }
    }
}
