package io.tickengine.server.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.kite.instruments.KiteInstrumentLoader;
import io.tickengine.kite.pool.KiteAccount;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.kite.sim.RestCall;
import io.tickengine.server.config.InvalidConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code KITE_INSTRUMENTS} as a URL: Kite's API (whole master or one exchange) with credentials, else a plain CSV. */
class InstrumentsIT {
    final KiteSimulator sim = KiteSimulator.builder().start();
    final KiteAccount account = new KiteAccount("main", sim.apiKey(), sim.accessToken());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void shouldCallKitesApiForItsInstrumentsPathsAndFetchOtherUrlsAsPlainCsv() {
        assertThat(Instruments.loader(sim.restUri() + "/instruments/", null, account).read().instruments()).isNotEmpty();
        assertThat(Instruments.loader(sim.restUri() + "/instruments/NFO", null, account).read().instruments())
                .isNotEmpty().extracting(Instrument::exchange).containsOnly(Exchange.NFO);
        assertThat(sim.restCalls()).extracting(RestCall::path, RestCall::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/instruments", 200),
                org.assertj.core.groups.Tuple.tuple("/instruments/NFO", 200));

        KiteInstrumentLoader hosted = Instruments.loader("https://files.example.test/kite/instruments.csv", null, account);
        assertThat(hosted.toString()).isEqualTo("KiteInstrumentLoader{https://files.example.test/kite/instruments.csv}");
        KiteInstrumentLoader query = Instruments.loader("https://files.example.test/instruments?day=today", null, account);
        // The query may carry a token: it is never shown.
        assertThat(query.toString()).isEqualTo("KiteInstrumentLoader{https://files.example.test/instruments?***}");
        assertThatThrownBy(() -> Instruments.loader("https://files example/instruments.csv", null, account))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("KITE_INSTRUMENTS: is not a valid URL");
    }
}
