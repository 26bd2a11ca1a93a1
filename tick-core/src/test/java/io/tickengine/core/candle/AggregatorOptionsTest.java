package io.tickengine.core.candle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatorOptionsTest {

    @Test
    void shouldUseDefaults() {
        AggregatorOptions options = AggregatorOptions.create();

        assertThat(options.intervals()).containsExactly(CandleInterval.S1);
        assertThat(options.gracePeriod()).isEqualTo(AggregatorOptions.DEFAULT_GRACE_PERIOD).hasSeconds(1);
        assertThat(options.fillGaps()).isFalse();
        assertThat(options.maxGapFill()).isEqualTo(Duration.ofMinutes(5));
        assertThat(AggregatorOptions.builder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    }

    @Test
    void shouldSortIntervalsAndKeepThemImmutable() {
        List<CandleInterval> given = new ArrayList<>(
                List.of(CandleInterval.DAY_IST, CandleInterval.S1, CandleInterval.M5, CandleInterval.S1));
        AggregatorOptions options = AggregatorOptions.builder().intervals(given).build();
        given.clear();

        assertThat(options.intervals()).containsExactly(CandleInterval.S1, CandleInterval.M5, CandleInterval.DAY_IST);
        assertThatThrownBy(() -> options.intervals().add(CandleInterval.H1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldDeriveChangedCopyWithMutate() {
        AggregatorOptions base = AggregatorOptions.builder().intervals(CandleInterval.M1).fillGaps(true).build();

        AggregatorOptions changed = base.mutate().gracePeriod(Duration.ZERO).build();

        assertThat(changed.intervals()).containsExactly(CandleInterval.M1);
        assertThat(changed.fillGaps()).isTrue();
        assertThat(changed.gracePeriod()).isZero();
        assertThat(base.gracePeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed).isNotEqualTo(base).hasToString(
                "AggregatorOptions{intervals=[1m], gracePeriod=PT0S, fillGaps=true, maxGapFill=PT5M}");
    }

    @Test
    void shouldRejectMissingOrEmptyIntervals() {
        assertRejected(AggregatorOptions.builder().intervals(List.of()), "intervals");
        assertRejected(AggregatorOptions.builder().intervals((List<CandleInterval>) null), "intervals");
        assertRejected(AggregatorOptions.builder().intervals(Arrays.asList(CandleInterval.S1, null)), "intervals");
    }

    @Test
    void shouldRejectNegativeOrMissingGracePeriod() {
        assertRejected(AggregatorOptions.builder().gracePeriod(Duration.ofMillis(-1)), "gracePeriod");
        assertRejected(AggregatorOptions.builder().gracePeriod(null), "gracePeriod");
    }

    @Test
    void shouldRejectNegativeMissingOrHugeMaxGapFill() {
        assertRejected(AggregatorOptions.builder().maxGapFill(Duration.ofSeconds(-5)), "maxGapFill");
        assertRejected(AggregatorOptions.builder().maxGapFill(null), "maxGapFill");
        assertRejected(AggregatorOptions.builder().maxGapFill(Duration.ofDays(365)), "maxGapFill");
    }

    @Test
    void shouldAcceptZeroDurations() {
        AggregatorOptions options = AggregatorOptions.builder().gracePeriod(Duration.ZERO).maxGapFill(Duration.ZERO).build();

        assertThat(options.gracePeriod()).isZero();
        assertThat(options.maxGapFill()).isZero();
    }

    private static void assertRejected(AggregatorOptions.Builder builder, String option) {
        assertThatThrownBy(builder::build).isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith(option);
    }
}
