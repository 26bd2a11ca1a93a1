package io.tickengine.kite.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pacing by rate: M instruments per interval, spread evenly, late calls catching up. */
class RatePacerTest {
    static final long MS = 1_000_000L;

    @Test
    void shouldSpreadAnIntervalsTicksEvenlyOverTheCallsInIt() {
        RatePacer pacer = new RatePacer(500 * MS);
        int total = 0;
        for (int call = 0; call < 100; call++) {
            int due = pacer.due(5 * MS, 3000);
            assertThat(due).isEqualTo(30);
            total += due;
        }
        assertThat(total).isEqualTo(3000);
    }

    @Test
    void shouldCarryFractionsSoNoTickIsLostToRounding() {
        RatePacer pacer = new RatePacer(100 * MS);
        int total = 0;
        for (int call = 0; call < 300; call++) {
            total += pacer.due(MS, 7);
        }
        assertThat(total).isEqualTo(21);
    }

    @Test
    void shouldCatchUpALateCallByOneIntervalAtMost() {
        RatePacer pacer = new RatePacer(500 * MS);
        assertThat(pacer.due(250 * MS, 3000)).isEqualTo(1500);
        assertThat(pacer.due(10_000 * MS, 3000)).isEqualTo(3000);
        assertThat(pacer.due(5 * MS, 3000)).isEqualTo(30);
    }

    @Test
    void shouldOweNothingWhileNothingIsSubscribedOrTimeGoesBackwards() {
        RatePacer pacer = new RatePacer(500 * MS);
        assertThat(pacer.due(400 * MS, 0)).isZero();
        assertThat(pacer.due(-5 * MS, 3000)).isZero();
        assertThat(pacer.due(5 * MS, 3000)).isEqualTo(30);
        assertThatThrownBy(() -> new RatePacer(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
    }
}
