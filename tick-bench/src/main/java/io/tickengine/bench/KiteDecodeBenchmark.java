package io.tickengine.bench;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.parse.KiteParserOptions;
import io.tickengine.kite.parse.KitePacketEncoder;
import io.tickengine.kite.parse.KitePacketView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Kite binary decoding on one thread, one operation per packet, so the score is ticks (packets) per
 * second: frames of 50 quote (44-byte) or full (184-byte) packets, decoded into immutable {@link Tick}s
 * or walked with the allocation-free {@link KitePacketView}. Run with {@code -prof gc} to see the bytes
 * allocated per packet ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class KiteDecodeBenchmark {
    static final int PACKETS = 50;

    private final Clock clock = () -> 1_700_000_000_000L;
    private final KiteFrameParser parser = new KiteFrameParser(KiteParserOptions.builder().clock(clock).build());
    private final List<Tick> out = new ArrayList<>(PACKETS);
    private ByteBuffer quoteFrame;
    private ByteBuffer fullFrame;
    private long sum;
    private Consumer<KitePacketView> quoteReader;
    private Consumer<KitePacketView> fullReader;

    @Setup
    public void setUp() {
        quoteFrame = frame(TickMode.QUOTE);
        fullFrame = frame(TickMode.FULL);
        quoteReader = this::readQuote;
        fullReader = this::readFull;
    }

    /** Frames of 50 quote packets decoded into 50 immutable ticks. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public List<Tick> quoteTicks() {
        out.clear();
        parser.parse(quoteFrame, out);
        return out;
    }

    /** Frames of 50 full packets (with five-level depth) decoded into 50 immutable ticks. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public List<Tick> fullTicks() {
        out.clear();
        parser.parse(fullFrame, out);
        return out;
    }

    /** Frames of 50 quote packets walked with the flyweight, reading every quote field. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long quoteView() {
        parser.forEachPacket(quoteFrame, quoteReader);
        return sum;
    }

    /** Frames of 50 full packets walked with the flyweight, reading every field and the best bid and offer. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long fullView() {
        parser.forEachPacket(fullFrame, fullReader);
        return sum;
    }

    /** Folds every field into one sum, as a consumer that uses them all would read them. */
    private void readQuote(KitePacketView p) {
        sum += p.token() + p.lastPrice() + p.lastQuantity() + p.averagePrice() + p.volume() + p.totalBuyQuantity()
                + p.totalSellQuantity() + p.open() + p.high() + p.low() + p.close();
    }

    private void readFull(KitePacketView p) {
        readQuote(p);
        sum += p.lastTradeTime() + p.openInterest() + p.exchangeTimestamp() + p.bidPrice(0) + p.bidQuantity(0)
                + p.askPrice(0) + p.askQuantity(0);
    }

    private static ByteBuffer frame(TickMode mode) {
        List<Tick> ticks = new ArrayList<>(PACKETS);
        Depth.Builder depth = Depth.builder(5);
        for (int i = 0; i < PACKETS; i++) {
            long price = 150_000 + i * 5L;
            depth.clear();
            for (int level = 1; level <= 5; level++) {
                depth.bid(price - level * 5L, 100L * level, level);
                depth.ask(price + level * 5L, 120L * level, level);
            }
            Tick.Builder b = Tick.builder().instrumentToken((1000L + i) << 8 | 1).exchange(Exchange.NSE).tradable(true)
                    .mode(mode).priceScale(2).lastPrice(price).lastQuantity(10 + i).averagePrice(price - 20)
                    .volume(1_000_000 + i).totalBuyQuantity(50_000).totalSellQuantity(60_000).open(price - 100)
                    .high(price + 200).low(price - 300).close(price - 50);
            if (mode == TickMode.FULL) {
                b.lastTradeTime(1_700_000_000_000L).exchangeTimestamp(1_700_000_001_000L).openInterest(12_345)
                        .depth(depth.build());
            }
            ticks.add(b.build());
        }
        return KitePacketEncoder.encodeFrame(ticks);
    }
}
