package io.tickengine.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstrumentAliasesTest {
    private final InstrumentRegistry registry = InstrumentRegistry.of(List.of(InstrumentRegistryTest.RELIANCE));

    @Test
    void shouldResolveBrokerTokenToInstrumentToken() {
        registry.putAliases("angelone:nse_cm", Map.of("2885", 738561L, "1594", 408065L));
        InstrumentAliases angel = registry.aliases("angelone:nse_cm");

        assertThat(angel.namespace()).isEqualTo("angelone:nse_cm");
        assertThat(angel.size()).isEqualTo(2);
        assertThat(angel.resolve("2885")).isEqualTo(738561L);
        assertThat(registry.findByToken(angel.resolve("2885"))).isSameAs(InstrumentRegistryTest.RELIANCE);
        assertThat(angel.brokerToken(408065)).isEqualTo("1594");
    }

    @Test
    void shouldAnswerNoTokenForUnknownBrokerToken() {
        registry.putAliases("angelone:nse_cm", Map.of("2885", 738561L));
        InstrumentAliases angel = registry.aliases("angelone:nse_cm");

        assertThat(angel.resolve("9999")).isEqualTo(InstrumentAliases.NO_TOKEN);
        assertThat(angel.brokerToken(1)).isNull();
        assertThat(registry.aliases("angelone:nse_fo").resolve("2885")).isEqualTo(InstrumentAliases.NO_TOKEN);
    }

    @Test
    void shouldSeeLaterReplacementThroughAViewTakenEarlier() {
        InstrumentAliases angel = registry.aliases("angelone:nse_cm");
        assertThat(angel.size()).isZero();

        registry.putAliases("angelone:nse_cm", Map.of("2885", 738561L));
        assertThat(angel.resolve("2885")).isEqualTo(738561L);

        registry.putAliases("angelone:nse_cm", Map.of("1594", 408065L));
        assertThat(angel.resolve("2885")).isEqualTo(InstrumentAliases.NO_TOKEN);
        assertThat(angel.brokerToken(738561)).isNull();
        assertThat(angel.resolve("1594")).isEqualTo(408065L);
        assertThat(registry.aliases("angelone:nse_cm")).isSameAs(angel);
    }

    @Test
    void shouldKeepNamespacesAndMasterApart() {
        registry.putAliases("angelone:nse_cm", Map.of("2885", 738561L));
        registry.putAliases("angelone:bse_cm", Map.of("2885", 128083204L));

        registry.replaceAll(List.of());

        assertThat(registry.aliases("angelone:nse_cm").resolve("2885")).isEqualTo(738561L);
        assertThat(registry.aliases("angelone:bse_cm").resolve("2885")).isEqualTo(128083204L);
        assertThat(registry.aliases("ANGELONE:NSE_CM").size()).isZero();
    }

    @Test
    void shouldCopyTheGivenMap() {
        Map<String, Long> source = new HashMap<>(Map.of("2885", 738561L));
        registry.putAliases("angelone:nse_cm", source);

        source.put("1594", 408065L);

        assertThat(registry.aliases("angelone:nse_cm").resolve("1594")).isEqualTo(InstrumentAliases.NO_TOKEN);
    }

    @Test
    void shouldMapInstrumentTokenBackToFirstBrokerTokenGiven() {
        Map<String, Long> twoForOne = new LinkedHashMap<>();
        twoForOne.put("B", 7L);
        twoForOne.put("A", 7L);
        registry.putAliases("x", twoForOne);

        assertThat(registry.aliases("x").brokerToken(7)).isEqualTo("B");
        assertThat(registry.aliases("x").resolve("A")).isEqualTo(7L);
    }

    @Test
    void shouldRejectInvalidAliases() {
        Map<String, Long> nullValue = new HashMap<>();
        nullValue.put("2885", null);

        assertThatThrownBy(() -> registry.aliases(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> registry.putAliases("x", Map.of("2885", InstrumentAliases.NO_TOKEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2885");
        assertThatThrownBy(() -> registry.putAliases("x", nullValue))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("2885");
        assertThat(registry.aliases("x").size()).isZero();
    }
}
