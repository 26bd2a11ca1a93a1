package io.tickengine.examples;

import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a one-line market watch every second: the latest price of each instrument. Conflating,
 * because a screen only needs the newest price.
 */
final class ConsoleSink implements TickSink {
    private final PrintStream out;
    private final Map<String, Tick> latest = new TreeMap<>();
    private long nextPrint;
    private long received;

    ConsoleSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.CONFLATE;
    }

    @Override
    public void onBatch(List<Tick> batch) {
        for (Tick t : batch) {
            latest.put(t.displayName(), t);
        }
        received += batch.size();
    }

    @Override
    public void onTimer(long nowMillis) {
        if (nowMillis < nextPrint || latest.isEmpty()) {
            return;
        }
        nextPrint = nowMillis + 1_000;
        StringBuilder line = new StringBuilder(256).append("ticks=").append(received);
        for (Map.Entry<String, Tick> e : latest.entrySet()) {
            line.append("  ").append(e.getKey()).append(' ');
            Prices.appendTo(line, e.getValue().lastPrice(), e.getValue().priceScale());
        }
        out.println(line);
    }
}
