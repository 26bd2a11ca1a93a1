package io.tickengine.angelone.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.core.instrument.InstrumentRegistry;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrip master becomes instruments and aliases; Kite ids win where exchange and symbol match. */
class AngelOneScripMasterTest {
    static final Instrument KITE_RELIANCE = new Instrument(738561, 2885, "RELIANCE", "RELIANCE INDUSTRIES", null, null,
            null, new BigDecimal("0.1"), 1, "EQ", "NSE", Exchange.NSE);

    @Test
    void shouldKeepKiteIdsAndGiveOthersSyntheticIds() {
        InstrumentRegistry registry = InstrumentRegistry.of(List.of(KITE_RELIANCE));

        ScripMasterReport report = AngelOneScripMaster.loadSample(registry);

        assertThat(report.rows()).isEqualTo(15);
        assertThat(report.matched()).isEqualTo(1);
        assertThat(report.added()).isEqualTo(13);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(registry.aliases("angelone:nse_cm").resolve("2885")).isEqualTo(738561);
        long sbin = registry.aliases("angelone:nse_cm").resolve("3045");
        assertThat(sbin).isEqualTo(AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "3045"));
        assertThat(registry.bySymbol("NSE:SBIN")).get().extracting(Instrument::instrumentToken).isEqualTo(sbin);
        assertThat(registry.bySymbol("NSE:RELIANCE")).get().isEqualTo(KITE_RELIANCE);
        assertThat(registry.aliases("angelone:nse_cm").brokerToken(738561)).isEqualTo("2885");
    }

    @Test
    void shouldReadDerivativesIndicesAndPaiseFields() {
        InstrumentRegistry registry = InstrumentRegistry.empty();
        AngelOneScripMaster.loadSample(registry);

        Instrument ce = registry.bySymbol("NFO:NIFTY26DEC2424500CE").orElseThrow();
        assertThat(ce.strike()).isEqualByComparingTo("24500");
        assertThat(ce.tickSize()).isEqualByComparingTo("0.05");
        assertThat(ce.expiry()).isEqualTo(LocalDate.of(2024, 12, 26));
        assertThat(ce.lotSize()).isEqualTo(25);
        assertThat(ce.instrumentClass()).isEqualTo(InstrumentClass.OPTION);
        assertThat(registry.bySymbol("NSE:NIFTY 50").orElseThrow().tradable()).isFalse();
        assertThat(registry.bySymbol("MCX:CRUDEOIL19DEC24FUT").orElseThrow().instrumentClass()).isEqualTo(InstrumentClass.FUTURE);
        assertThat(registry.aliases("angelone:cde_fo").resolve("1164")).isPositive();
    }

    @Test
    void shouldLoadAFileAndRejectSomethingElse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.json");
        Files.writeString(file, "[{\"token\":\"3045\",\"symbol\":\"SBIN-EQ\",\"name\":\"SBIN\",\"expiry\":\"\",\"strike\":\"-1\","
                + "\"lotsize\":\"1\",\"instrumenttype\":\"\",\"exch_seg\":\"NSE\",\"tick_size\":\"5\",\"extra\":{\"x\":[1]}}]");
        InstrumentRegistry registry = InstrumentRegistry.empty();

        assertThat(AngelOneScripMaster.load(file.toUri(), registry).added()).isEqualTo(1);
        assertThat(registry.bySymbol("NSE:SBIN")).isPresent();
        assertThatThrownBy(() -> AngelOneScripMaster.load(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                "x", registry)).isInstanceOf(InvalidScripMasterException.class).hasMessageContaining("not a JSON array");
    }
}
