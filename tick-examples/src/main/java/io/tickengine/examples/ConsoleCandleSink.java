package io.tickengine.examples;

import io.tickengine.core.Prices;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.sink.CandleSink;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prints every candle as it closes (and again when a late tick revises it). */
final class ConsoleCandleSink implements CandleSink {
    private final PrintStream out;
    private final Map<Long, String> symbols;

    ConsoleCandleSink(PrintStream out, Map<Long, String> symbols) {
        this.out = out;
        this.symbols = symbols;
    }

    @Override
    public String name() {
        return "console-candles";
    }

    @Override
    public void onCandles(List<Candle> batch) {
        for (Candle c : batch) {
            StringBuilder line = new StringBuilder(128).append("candle ").append(c.interval()).append(' ')
                    .append(symbols.getOrDefault(c.instrumentToken(), Long.toString(c.instrumentToken())))
                    .append(' ').append(Instant.ofEpochMilli(c.bucketStart())).append(" O ");
            Prices.appendTo(line, c.open(), c.priceScale()).append(" H ");
            Prices.appendTo(line, c.high(), c.priceScale()).append(" L ");
            Prices.appendTo(line, c.low(), c.priceScale()).append(" C ");
            Prices.appendTo(line, c.close(), c.priceScale()).append(" V ").append(c.volume())
                    .append(" ticks ").append(c.tickCount());
            if (c.revision() > 0) {
                line.append(" (revision ").append(c.revision()).append(')');
            }
            out.println(line);
        }
    }
}
