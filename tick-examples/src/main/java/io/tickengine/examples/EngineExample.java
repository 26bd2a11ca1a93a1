package io.tickengine.examples;

import io.tickengine.core.TickMode;
import io.tickengine.core.candle.AggregatorOptions;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.engine.EngineStats;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a synthetic feed through the engine into a console market watch and prints 5-second and
 * 1-minute candles as they close. Usage:
 * {@code java -jar tick-examples/target/tick-examples.jar [--seconds N]} (default: until Ctrl-C).
 */
public final class EngineExample {
    private static final Map<Long, String> INSTRUMENTS = Map.of(
            256_265L, "NIFTY 50", 260_105L, "NIFTY BANK", 738_561L, "RELIANCE", 408_065L, "INFY",
            341_249L, "HDFCBANK");

    private EngineExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        long seconds = parseSeconds(args);
        RandomWalkSource source = new RandomWalkSource(INSTRUMENTS, 2_000, Clock.system());
        TickEngine engine = TickEngine.builder()
                .source(source)
                .sink(new ConsoleSink(System.out))
                .candles(AggregatorOptions.builder().intervals(CandleInterval.ofSeconds(5), CandleInterval.M1).build())
                .candleSink(new ConsoleCandleSink(System.out, INSTRUMENTS))
                .build();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.stop(Duration.ofSeconds(10));
            done.countDown();
        }, "example-shutdown"));

        engine.start();
        source.subscribe(INSTRUMENTS.keySet(), TickMode.QUOTE);
        if (seconds > 0) {
            done.await(seconds, TimeUnit.SECONDS);
            engine.stop(Duration.ofSeconds(10));
            EngineStats stats = engine.stats();
            System.out.println("received=" + stats.received() + " accepted=" + stats.accepted() + " sinks="
                    + stats.tickSinks());
            System.exit(0);
        }
        done.await();
    }

    private static long parseSeconds(String[] args) {
        if (args.length == 0) {
            return 0;
        }
        if (args.length == 2 && "--seconds".equals(args[0])) {
            try {
                long s = Long.parseLong(args[1]);
                if (s >= 0) {
                    return s;
                }
            } catch (NumberFormatException e) {
                // fall through to the usage message
            }
        }
        System.err.println("usage: java -jar tick-examples.jar [--seconds N]");
        System.exit(2);
        return 0;
    }
}
