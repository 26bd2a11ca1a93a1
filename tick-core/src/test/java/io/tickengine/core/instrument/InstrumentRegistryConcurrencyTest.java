package io.tickengine.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstrumentRegistryConcurrencyTest {
    private static final int SMALL = 500;
    private static final int LARGE = 1_500;

    /** Generation {@code g}: tokens 1..n, each named after {@code g}, so any mix of two loads shows. */
    private static List<Instrument> generation(int g) {
        int n = g % 2 == 0 ? SMALL : LARGE;
        List<Instrument> rows = new ArrayList<>(n);
        for (long token = 1; token <= n; token++) {
            rows.add(new Instrument(token, token, "S" + token, "GEN " + g, null, null, null, BigDecimal.ONE, 1,
                    "EQ", "NSE", Exchange.NSE));
        }
        return rows;
    }

    @Test
    void shouldNeverShowReadersAHalfBuiltSnapshot() throws Exception {
        InstrumentRegistry registry = InstrumentRegistry.of(generation(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong reads = new AtomicLong();
        int readers = 2;
        CountDownLatch started = new CountDownLatch(readers);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                do {
                    readOnce(registry, failures);
                    reads.incrementAndGet();
                } while (writing.get() && failures.isEmpty());
            }, "registry-reader-" + r);
            threads.add(reader);
            reader.start();
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        for (int g = 1; g <= 200 && failures.isEmpty(); g++) {
            registry.replaceAll(generation(g));
        }
        writing.set(false);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
        }

        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
    }

    private static void readOnce(InstrumentRegistry registry, Queue<String> failures) {
        int size = registry.size();
        if (size != SMALL && size != LARGE) {
            failures.add("size " + size);
        }
        Instrument always = registry.findByToken(SMALL);
        if (always == null || !always.tradingSymbol().equals("S" + SMALL)) {
            failures.add("token " + SMALL + " -> " + always);
        }
        List<Instrument> stocks = registry.nseStocks();
        String name = stocks.get(0).name();
        int g = Integer.parseInt(name.substring("GEN ".length()));
        if (stocks.size() != (g % 2 == 0 ? SMALL : LARGE)) {
            failures.add(stocks.size() + " stocks of " + name);
        }
        for (Instrument i : stocks) {
            if (!i.name().equals(name)) {
                failures.add("stock list mixes " + name + " and " + i.name());
                return;
            }
        }
        List<Instrument> found = registry.search("S1", Integer.MAX_VALUE);
        for (Instrument i : found) {
            if (!i.name().equals(found.get(0).name())) {
                failures.add("search mixes " + found.get(0).name() + " and " + i.name());
                return;
            }
        }
    }
}
