package io.tickengine.kite.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickengine.core.TickMode;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The flyweight path: values read in place, the same view for every packet, no garbage per packet. */
class KitePacketViewTest {
    final KiteFrameParser parser = new KiteFrameParser(KiteParserOptions.create());

    @Test
    void shouldReadTheInfyFullVectorInPlace() {
        List<String> seen = new ArrayList<>();

        int n = parser.forEachPacket(Bytes.frame(KiteFrameParserTest.infyFull()), p -> {
            assertThat(p.token()).isEqualTo(408065);
            assertThat(p.segment()).isEqualTo(KiteSegment.NSE);
            assertThat(p.mode()).isEqualTo(TickMode.FULL);
            assertThat(p.isFull()).isTrue();
            assertThat(p.isIndex()).isFalse();
            assertThat(new long[] {p.lastPrice(), p.lastQuantity(), p.averagePrice(), p.volume()})
                    .containsExactly(157370, 7, 157037, 1192471);
            assertThat(new long[] {p.open(), p.high(), p.low(), p.close()}).containsExactly(156915, 157500, 156105, 156780);
            assertThat(p.hasChange()).isFalse();
            assertThat(p.lastTradeTime()).isEqualTo(1625461887000L);
            assertThat(p.exchangeTimestamp()).isEqualTo(1625461887000L);
            assertThat(p.depthLevels()).isEqualTo(5);
            assertThat(new long[] {p.bidPrice(0), p.bidQuantity(0), p.bidOrders(0)}).containsExactly(157340, 5, 1);
            assertThat(new long[] {p.askPrice(4), p.askQuantity(4), p.askOrders(4)}).containsExactly(157395, 724, 5);
            seen.add(p.toString());
        });

        assertThat(n).isEqualTo(1);
        assertThat(seen).hasSize(1);
    }

    @Test
    void shouldReturnZeroForFieldsTheModeDoesNotCarry() {
        byte[] index = Bytes.packet(28).i32(0, 256265).i32(4, 2375425).i32(8, 2380000).i32(12, 2360000)
                .i32(16, 2365000).i32(20, 2370000).i32(24, 5425).bytes();
        List<long[]> values = new ArrayList<>();

        parser.forEachPacket(Bytes.frame(Bytes.ltp(738561, 250000), index), p -> {
            values.add(new long[] {p.lastPrice(), p.open(), p.high(), p.low(), p.close(), p.volume(), p.change(),
                p.exchangeTimestamp(), p.depthLevels()});
            assertThatThrownBy(() -> p.bidPrice(0)).isInstanceOf(IndexOutOfBoundsException.class);
        });

        assertThat(values.get(0)).containsExactly(250000, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(values.get(1)).containsExactly(2375425, 2365000, 2380000, 2360000, 2370000, 0, 5425, 0, 0);
    }

    @Test
    void shouldHandOutOneReusedViewAndSkipUnknownPackets() {
        byte[] legacy = Bytes.packet(164).i32(0, 408065).bytes();
        List<KitePacketView> views = new ArrayList<>();

        int n = parser.forEachPacket(Bytes.frame(Bytes.ltp(408065, 1), legacy, Bytes.ltp(738561, 2)), views::add);

        assertThat(n).isEqualTo(2);
        assertThat(views.get(0)).isSameAs(views.get(1));
        assertThat(parser.skippedPackets()).isEqualTo(1);
    }

    @Test
    void shouldAllocateNothingPerPacket() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter needed");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        byte[][] packets = new byte[50][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = Bytes.packet(44).i32(0, (i + 1L) << 8 | 1).i32(4, 1000 + i).i32(16, 5000 + i).bytes();
        }
        ByteBuffer frame = Bytes.frame(packets);
        long[] sum = new long[1];
        Consumer<KitePacketView> add = p -> sum[0] += p.lastPrice() + p.volume() + p.close();
        parser.forEachPacket(frame, add);
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 20_000; i++) {
            parser.forEachPacket(frame, add);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // A million packets; a single object per packet would be at least 16 MB.
        assertThat(allocated).as("bytes allocated for 1,000,000 packets").isLessThan(64 * 1024);
        assertThat(sum[0]).isPositive();
    }
}
