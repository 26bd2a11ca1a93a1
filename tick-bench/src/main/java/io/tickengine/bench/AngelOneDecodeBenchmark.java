package io.tickengine.bench;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOnePacketEncoder;
import io.tickengine.angelone.parse.AngelOnePacketParser;
import io.tickengine.angelone.parse.AngelOnePacketView;
import io.tickengine.angelone.parse.AngelOneParserOptions;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.time.Clock;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Angel One packet decoding on one thread, one operation per packet, so the score is packets per second:
 * 50 Quote (123-byte), SnapQuote (379-byte) or Depth-20 (443-byte) packets of instruments mapped through
 * registry aliases, decoded into immutable {@link Tick}s or read in place with {@link AngelOnePacketView}.
 * Run with {@code -prof gc} to see the bytes allocated per packet.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class AngelOneDecodeBenchmark {
    static final int PACKETS = 50;

    private final Clock clock = () -> 1_700_000_000_000L;
    private AngelOnePacketParser parser;
    private ByteBuffer[] quotes;
    private ByteBuffer[] snapQuotes;
    private ByteBuffer[] depth20s;

    @Setup
    public void setUp() {
        InstrumentRegistry registry = InstrumentRegistry.empty();
        Map<String, Long> aliases = new HashMap<>();
        for (int i = 0; i < PACKETS; i++) {
            aliases.put(Integer.toString(2000 + i), 100_000L + i);
        }
        registry.putAliases(ExchangeType.NSE_CM.namespace(), aliases);
        parser = new AngelOnePacketParser(AngelOneParserOptions.builder().clock(clock).instruments(registry).build());
        quotes = packets(AngelOneMode.QUOTE);
        snapQuotes = packets(AngelOneMode.SNAP_QUOTE);
        depth20s = packets(AngelOneMode.DEPTH_20);
    }

    /** Quote packets decoded into immutable ticks. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long quoteTicks() {
        return ticks(quotes);
    }

    /** SnapQuote packets (best five grouped by flag) decoded into immutable ticks. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long snapQuoteTicks() {
        return ticks(snapQuotes);
    }

    /** Depth-20 packets decoded into immutable ticks with twenty levels a side. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long depth20Ticks() {
        return ticks(depth20s);
    }

    /** Quote packets read in place with the flyweight, every field. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long quoteView() {
        long sum = 0;
        for (ByteBuffer b : quotes) {
            AngelOnePacketView p = parser.view(b);
            sum += p.sequenceNumber() + p.exchangeTimestamp() + p.lastPrice() + p.lastQuantity() + p.averagePrice()
                    + p.volume() + p.totalBuyQuantity() + p.totalSellQuantity() + p.open() + p.high() + p.low()
                    + p.close() + p.tokenLength();
        }
        return sum;
    }

    /** SnapQuote packets read in place with the flyweight, with the best bid and offer. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long snapQuoteView() {
        long sum = 0;
        for (ByteBuffer b : snapQuotes) {
            AngelOnePacketView p = parser.view(b);
            sum += p.lastPrice() + p.volume() + p.openInterest() + p.upperCircuit() + p.week52High()
                    + p.bidPrice(0) + p.bidQuantity(0) + p.askPrice(0) + p.askQuantity(0) + p.tokenLength();
        }
        return sum;
    }

    private long ticks(ByteBuffer[] packets) {
        long sum = 0;
        for (ByteBuffer b : packets) {
            sum += parser.parse(b).lastPrice();
        }
        return sum;
    }

    private static ByteBuffer[] packets(AngelOneMode mode) {
        ByteBuffer[] out = new ByteBuffer[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            int levels = mode == AngelOneMode.DEPTH_20 ? 20 : 5;
            Depth.Builder d = Depth.builder(levels);
            for (int l = 0; l < levels; l++) {
                d.bid(250_000 - l * 5, 100 + l, 1 + l).ask(250_005 + l * 5, 200 + l, 2 + l);
            }
            Tick t = Tick.builder().mode(TickMode.FULL).lastPrice(250_000 + i).lastQuantity(10).averagePrice(249_990)
                    .volume(1_000_000 + i).totalBuyQuantity(50_000).totalSellQuantity(60_000).open(248_000)
                    .high(251_000).low(247_500).close(249_000).lastTradeTime(1_699_999_999_000L)
                    .exchangeTimestamp(1_700_000_000_000L).openInterest(123_456).openInterestChangePercent(1.25)
                    .upperCircuit(270_000).lowerCircuit(230_000).week52High(300_000).week52Low(200_000)
                    .depth(d.build()).build();
            out[i] = AngelOnePacketEncoder.encode(mode, ExchangeType.NSE_CM, Integer.toString(2000 + i), i, t);
        }
        return out;
    }
}
