package io.tickengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DepthTest {
    @Test
    void shouldKeepLevelsBestFirst() {
        Depth d = Depth.builder(5).bid(157340, 5, 1).bid(157335, 20, 3).ask(157370, 10, 2).build();

        assertThat(d.bidLevels()).isEqualTo(2);
        assertThat(d.askLevels()).isEqualTo(1);
        assertThat(d.bidPrice(0)).isEqualTo(157340);
        assertThat(d.bidQuantity(1)).isEqualTo(20);
        assertThat(d.bidOrders(1)).isEqualTo(3);
        assertThat(d.askPrice(0)).isEqualTo(157370);
        assertThat(d.askQuantity(0)).isEqualTo(10);
        assertThat(d.askOrders(0)).isEqualTo(2);
        assertThat(d).hasToString("Depth{bids=[157340x5/1, 157335x20/3], asks=[157370x10/2]}");
    }

    @Test
    void shouldStayUnchangedWhenBuilderIsReused() {
        Depth.Builder b = Depth.builder(5).bid(100, 1, 1);
        Depth first = b.build();

        Depth second = b.clear().bid(200, 2, 2).ask(201, 3, 1).build();

        assertThat(first.bidPrice(0)).isEqualTo(100);
        assertThat(first.askLevels()).isZero();
        assertThat(second.bidPrice(0)).isEqualTo(200);
        assertThat(second.askLevels()).isEqualTo(1);
    }

    @Test
    void shouldCompareByAllLevelValues() {
        Depth a = Depth.builder(5).bid(100, 1, 1).ask(101, 2, 1).build();
        Depth same = Depth.builder(20).bid(100, 1, 1).ask(101, 2, 1).build();
        Depth otherOrders = Depth.builder(5).bid(100, 1, 2).ask(101, 2, 1).build();

        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(otherOrders);
        assertThat(a).isNotEqualTo(Depth.builder(5).bid(100, 1, 1).build());
    }

    @Test
    void shouldAllowEmptyDepth() {
        Depth d = Depth.builder(5).build();

        assertThat(d.bidLevels()).isZero();
        assertThat(d.askLevels()).isZero();
        assertThat(d).hasToString("Depth{bids=[], asks=[]}");
    }

    @Test
    void shouldRejectMoreLevelsThanCapacity() {
        Depth.Builder b = Depth.builder(1).bid(1, 1, 1).ask(2, 1, 1);

        assertThatThrownBy(() -> b.bid(0, 1, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("1");
        assertThatThrownBy(() -> b.ask(3, 1, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Depth.builder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLevels");
        assertThatThrownBy(() -> Depth.builder(Depth.MAX_LEVELS + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLevels must be 1 to 255");
        assertThat(Depth.builder(Depth.MAX_LEVELS).bid(1, 1, 1).build().bidLevels()).isEqualTo(1);
    }

    @Test
    void shouldRejectLevelBeyondThosePresent() {
        Depth d = Depth.builder(5).bid(1, 1, 1).build();

        assertThatThrownBy(() -> d.bidPrice(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
