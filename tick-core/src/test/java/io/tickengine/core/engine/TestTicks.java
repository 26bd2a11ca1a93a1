package io.tickengine.core.engine;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import java.util.Collection;
import java.util.List;

/** Fixtures for engine tests: ticks and a source the test drives by hand. */
final class TestTicks {
    private TestTicks() {
    }

    static Tick tick(long token, long price, long receivedAt) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).mode(TickMode.QUOTE).priceScale(2)
                .lastPrice(price).receiveTimestamp(receivedAt).build();
    }

    /** A source whose ticks the test pushes with {@link #emit(Tick)}. */
    static final class ManualSource implements TickSource {
        private final String name;
        private volatile TickListener listener;
        private volatile boolean closed;

        ManualSource(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(TickListener listener) {
            this.listener = listener;
            listener.onStatus(status());
        }

        void emit(Tick tick) {
            listener.onTick(tick);
        }

        void emitAll(List<Tick> ticks) {
            listener.onTicks(ticks);
        }

        boolean closed() {
            return closed;
        }

        @Override
        public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Long> instrumentTokens) {
        }

        @Override
        public SourceStatus status() {
            return new SourceStatus(name, closed ? SourceState.STOPPED : SourceState.CONNECTED, "", 0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
