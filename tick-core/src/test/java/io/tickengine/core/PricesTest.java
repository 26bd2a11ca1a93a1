package io.tickengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PricesTest {
    @ParameterizedTest(name = "{0} at scale {1} -> {2}")
    @CsvSource({
            "0, 0, 0",
            "42, 0, 42",
            "-42, 0, -42",
            "157370, 2, 1573.70",
            "-157370, 2, -1573.70",
            "5, 2, 0.05",
            "-5, 2, -0.05",
            "-100, 2, -1.00",
            "0, 2, 0.00",
            "-1, 2, -0.01",
            "12345, 4, 1.2345",
            "-50, 4, -0.0050",
            "1, 4, 0.0001",
            "825750000, 7, 82.5750000",
            "-1, 7, -0.0000001",
            "-10000000, 7, -1.0000000",
            "9223372036854775807, 2, 92233720368547758.07",
            "-9223372036854775808, 2, -92233720368547758.08",
            "-9223372036854775808, 18, -9.223372036854775808",
    })
    void shouldFormatExactly(long units, int scale, String text) {
        assertThat(Prices.format(units, scale)).isEqualTo(text);
        assertThat(Prices.appendTo(new StringBuilder("x="), units, scale)).hasToString("x=" + text);
        assertThat(Prices.toBigDecimal(units, scale).toPlainString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} at scale {1} -> {2}")
    @CsvSource({
            "1573.7, 2, 157370",
            "1573.70, 2, 157370",
            "-0.05, 2, -5",
            "' 42 ', 0, 42",
            "42, 4, 420000",
            "82.5750000, 7, 825750000",
            "1573.7000, 2, 157370",
            "92233720368547758.07, 2, 9223372036854775807",
    })
    void shouldParsePlainDecimals(String text, int scale, long units) {
        assertThat(Prices.parse(text, scale)).isEqualTo(units);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "1e3", "1E-2", "1,5", "--1", "1.2.3", "0x10"})
    void shouldRejectTextThatIsNotAPlainDecimal(String text) {
        assertThatThrownBy(() -> Prices.parse(text, 2)).isInstanceOf(InvalidPriceException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void shouldRejectExcessPrecision() {
        assertThatThrownBy(() -> Prices.parse("1573.705", 2)).isInstanceOf(InvalidPriceException.class)
                .hasMessageContaining("1573.705");
        assertThatThrownBy(() -> Prices.toUnits(new BigDecimal("0.001"), 2)).isInstanceOf(InvalidPriceException.class);
        assertThatThrownBy(() -> Prices.toUnits(new BigDecimal("1.5"), 0)).isInstanceOf(InvalidPriceException.class);
        assertThat(Prices.toUnits(new BigDecimal("1.50"), 1)).isEqualTo(15);
    }

    @Test
    void shouldRejectValuesThatOverflow() {
        assertThatThrownBy(() -> Prices.parse("92233720368547758.08", 2)).isInstanceOf(InvalidPriceException.class);
        assertThatThrownBy(() -> Prices.toUnits(new BigDecimal("1E+30"), 0)).isInstanceOf(InvalidPriceException.class);
    }

    @Test
    void shouldRescaleExactly() {
        assertThat(Prices.rescale(157370, 2, 4)).isEqualTo(15737000);
        assertThat(Prices.rescale(15737000, 4, 2)).isEqualTo(157370);
        assertThat(Prices.rescale(-5, 2, 7)).isEqualTo(-500000);
        assertThat(Prices.rescale(-500000, 7, 2)).isEqualTo(-5);
        assertThat(Prices.rescale(123, 3, 3)).isEqualTo(123);
    }

    @Test
    void shouldRejectLossyRescale() {
        assertThatThrownBy(() -> Prices.rescale(157375, 3, 2)).isInstanceOf(InvalidPriceException.class)
                .hasMessageContaining("157.375");
        assertThatThrownBy(() -> Prices.rescale(-1, 7, 2)).isInstanceOf(InvalidPriceException.class);
    }

    @Test
    void shouldRejectRescaleThatOverflows() {
        assertThatThrownBy(() -> Prices.rescale(Long.MAX_VALUE / 10, 2, 4)).isInstanceOf(InvalidPriceException.class)
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> Prices.rescale(-1, 0, 19)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectScaleOutOfRange() {
        assertThatThrownBy(() -> Prices.format(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Prices.pow10(Prices.MAX_SCALE + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Prices.pow10(Prices.MAX_SCALE)).isEqualTo(1_000_000_000_000_000_000L);
    }

    @Test
    void shouldConvertToDoubleForDisplay() {
        assertThat(Prices.toDouble(157370, 2)).isEqualTo(1573.70);
        assertThat(Prices.toDouble(-5, 2)).isEqualTo(-0.05);
    }
}
