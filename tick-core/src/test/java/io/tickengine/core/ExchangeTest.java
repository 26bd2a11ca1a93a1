package io.tickengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExchangeTest {
    @Test
    void shouldInternExchangesByName() {
        assertThat(Exchange.of("NSE")).isSameAs(Exchange.NSE);
        assertThat(Exchange.of("NEWSEG")).isSameAs(Exchange.of("NEWSEG"));
    }

    @Test
    void shouldIgnoreCaseAndSurroundingBlanks() {
        assertThat(Exchange.of(" nfo ")).isSameAs(Exchange.NFO);
        assertThat(Exchange.of("McxSx")).isSameAs(Exchange.MCXSX);
        assertThat(Exchange.of("bcd").name()).isEqualTo("BCD");
    }

    @Test
    void shouldAcceptUnknownExchangesAsGiven() {
        Exchange nco = Exchange.of("ncdex2");

        assertThat(nco.name()).isEqualTo("NCDEX2");
        assertThat(nco).hasToString("NCDEX2");
    }

    @Test
    void shouldRejectBlankName() {
        assertThatThrownBy(() -> Exchange.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> Exchange.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Exchange.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }
}
