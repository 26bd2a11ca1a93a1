package io.tickengine.examples.alerts;

import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.kite.ws.KiteOptions;
import io.tickengine.kite.ws.KiteTickSource;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Embeds the engine with a custom sink: price alerts on a few instruments, fed by the real Kite
 * connection ({@link KiteTickSource}) to a local {@link KiteSimulator}. Each alert is set a little above
 * or below the instrument's current price, so the random walk soon crosses it. Usage:
 * {@code java -cp tick-examples/target/tick-examples.jar io.tickengine.examples.alerts.PriceAlertExample [SECONDS]}.
 */
public final class PriceAlertExample {
    /** Instruments watched: INFY, RELIANCE and HDFCBANK from the simulator's instrument sample. */
    public static final List<Long> INSTRUMENTS = List.of(408_065L, 738_561L, 341_249L);
    /** How far from the current price each alert is set, in price units (0.10 at scale 2). */
    static final long OFFSET_UNITS = 10;

    private PriceAlertExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        try (KiteSimulator sim = KiteSimulator.builder().tickInterval(Duration.ofMillis(50)).start()) {
            long fired = run(sim, Duration.ofSeconds(seconds), 0, System.out);
            System.out.println("alerts fired: " + fired);
        }
    }

    /**
     * Runs the engine against a simulator until {@code duration} passes or {@code stopAfter} alerts
     * fired (0: no limit), printing each alert; returns how many fired.
     */
    public static long run(KiteSimulator sim, Duration duration, int stopAfter, PrintStream out)
            throws InterruptedException {
        List<PriceAlert> alerts = new ArrayList<>();
        for (long token : INSTRUMENTS) {
            Tick now = sim.marketTick(token, TickMode.QUOTE);
            int scale = now.priceScale();
            alerts.add(new PriceAlert(token, now.lastPrice() + OFFSET_UNITS, scale, PriceAlert.Direction.ABOVE));
            alerts.add(new PriceAlert(token, now.lastPrice() - OFFSET_UNITS, scale, PriceAlert.Direction.BELOW));
        }
        CountDownLatch enough = new CountDownLatch(stopAfter > 0 ? stopAfter : Integer.MAX_VALUE);
        PriceAlertSink sink = new PriceAlertSink(alerts, hit -> {
            Tick t = hit.tick();
            out.println("ALERT " + t.tradingSymbol() + " crossed " + hit.alert().direction().name().toLowerCase()
                    + " " + hit.alert().threshold().toPlainString() + ": last " + Prices.format(t.lastPrice(), t.priceScale()));
            enough.countDown();
        });
        KiteTickSource source = KiteTickSource.create(KiteOptions.builder().url(sim.uri()).apiKey(sim.apiKey())
                .accessToken(sim.accessToken()).build());
        TickEngine engine = TickEngine.builder().source(source).sink(sink).build();
        engine.start();
        source.subscribe(INSTRUMENTS, TickMode.QUOTE);
        try {
            enough.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
        return sink.fired();
    }
}
