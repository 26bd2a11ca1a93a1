package io.tickengine.kite.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.kite.rest.KiteAuthException;
import io.tickengine.kite.rest.KiteHttpException;
import io.tickengine.kite.rest.KiteRestOptions;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.kite.sim.RestCall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the master from the simulator's REST API, from a file and from the classpath. */
class KiteInstrumentLoaderIT {
    final KiteSimulator sim = KiteSimulator.builder().start();
    final InstrumentRegistry registry = InstrumentRegistry.empty();

    @AfterEach
    void stop() {
        sim.close();
    }

    KiteRestOptions.Builder rest() {
        return KiteRestOptions.builder().baseUrl(sim.restUri()).apiKey(sim.apiKey()).accessToken(sim.accessToken());
    }

    @Test
    void shouldLoadTheWholeMasterFromTheApiDecodingGzip() {
        InstrumentLoadReport report = KiteInstrumentLoader.fromApi(rest().build()).loadInto(registry);

        int sampleRows = KiteInstrumentLoader.sample().read().rows();
        assertThat(report.loaded()).isEqualTo(sampleRows).isEqualTo(registry.size());
        assertThat(report.badRows()).isZero();
        assertThat(report.replaced()).isTrue();
        assertThat(report.source()).isEqualTo(sim.restUri() + "/instruments").doesNotContain(sim.accessToken());
        assertThat(registry.bySymbol("NSE:RELIANCE")).get().extracting(Instrument::instrumentToken).isEqualTo(738561L);
        assertThat(sim.restCalls()).extracting(RestCall::path, RestCall::status, RestCall::gzip)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/instruments", 200, true));
    }

    @Test
    void shouldFetchOnlyTheNamedExchanges() {
        InstrumentLoadReport report = KiteInstrumentLoader.fromApi(rest().build(), Exchange.NFO, Exchange.MCX)
                .loadInto(registry);

        assertThat(report.loaded()).isPositive();
        assertThat(registry.byClass(io.tickengine.core.instrument.InstrumentClass.STOCK)).isEmpty();
        assertThat(registry.search("NIFTY25DEC", 10)).isNotEmpty();
        assertThat(registry.bySymbol("MCX:CRUDEOIL25DECFUT")).isPresent();
        assertThat(sim.restCalls()).extracting(RestCall::path).containsExactly("/instruments/NFO", "/instruments/MCX");
    }

    @Test
    void shouldRefreshOnDemandAndKeepTheMasterWhenAuthFails() {
        KiteInstrumentLoader loader = KiteInstrumentLoader.fromApi(rest().build());
        loader.loadInto(registry);
        registry.replaceAll(List.of());

        loader.loadInto(registry);
        assertThat(registry.size()).isPositive();

        sim.revoke(sim.apiKey());
        assertThatThrownBy(() -> loader.loadInto(registry)).isInstanceOf(KiteAuthException.class)
                .hasMessageContaining("403").hasMessageContaining("TokenException")
                .hasMessageNotContaining(sim.accessToken());
        assertThat(registry.size()).isPositive();
    }

    @Test
    void shouldReportAWrongAccessTokenAsAnAuthFailure() {
        KiteInstrumentLoader loader = KiteInstrumentLoader.fromApi(rest().accessToken("expired").build());

        assertThatThrownBy(() -> loader.loadInto(registry)).isInstanceOfSatisfying(KiteAuthException.class,
                e -> assertThat(e.status()).isEqualTo(403));
        assertThat(registry.size()).isZero();
    }

    @Test
    void shouldSayWhenTheApiCannotBeReached() {
        KiteRestOptions nowhere = rest().baseUrl(URI.create("http://127.0.0.1:1")).build();

        assertThatThrownBy(() -> KiteInstrumentLoader.fromApi(nowhere).loadInto(registry))
                .isInstanceOfSatisfying(KiteHttpException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("no response from http://127.0.0.1:1/instruments");
    }

    @Test
    void shouldLoadFromAFileAndKeepTheOldMasterWhenNoRowIsGood(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("instruments.csv");
        Files.writeString(good, KiteInstrumentCsvTest.HEADER + "408065,1594,INFY,\"INFOSYS\",0,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "bad,row\r\n", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, KiteInstrumentCsvTest.HEADER + "x,y\r\n", StandardCharsets.UTF_8);

        InstrumentLoadReport first = KiteInstrumentLoader.fromFile(good).loadInto(registry);
        InstrumentLoadReport second = KiteInstrumentLoader.fromFile(bad).loadInto(registry);

        assertThat(first.loaded()).isEqualTo(1);
        assertThat(first.badRows()).isEqualTo(1);
        assertThat(second.replaced()).isFalse();
        assertThat(second.problems()).hasSize(1);
        assertThat(registry.bySymbol("NSE:INFY")).isPresent();
    }

    @Test
    void shouldDownloadAHostedCopyOfTheMasterWithoutKiteCredentials() throws IOException {
        byte[] csv = KiteInstrumentLoader.class.getClassLoader()
                .getResourceAsStream(KiteInstrumentLoader.SAMPLE_RESOURCE).readAllBytes();
        List<String> authorization = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/files/master.csv", exchange -> {
            authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, csv.length);
            exchange.getResponseBody().write(csv);
            exchange.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            InstrumentLoadReport report = KiteInstrumentLoader.fromUrl(URI.create(base + "/files/master.csv"),
                    Duration.ofSeconds(10)).loadInto(registry);

            assertThat(report.loaded()).isEqualTo(KiteInstrumentLoader.sample().read().rows()).isEqualTo(registry.size());
            assertThat(report.source()).isEqualTo(base + "/files/master.csv");
            assertThat(authorization).containsExactly("null");
            assertThatThrownBy(() -> KiteInstrumentLoader.fromUrl(URI.create(base + "/files/gone.csv"),
                    Duration.ofSeconds(10)).loadInto(registry))
                    .hasMessageContaining("could not read instruments from " + base + "/files/gone.csv")
                    .hasRootCauseMessage("GET " + base + "/files/gone.csv answered HTTP 404");
            assertThat(registry.size()).isEqualTo(report.loaded());
            // A token in the URL never reaches the report, logs or errors.
            assertThatThrownBy(() -> KiteInstrumentLoader.fromUrl(URI.create("http://user:pw@127.0.0.1:"
                    + http.getAddress().getPort() + "/files/gone.csv?token=s3cret"), Duration.ofSeconds(10)).loadInto(registry))
                    .hasMessageContaining("could not read instruments from " + base + "/files/gone.csv?***")
                    .satisfies(e -> assertThat(e.getMessage() + e.getCause().getMessage()).doesNotContain("s3cret", "pw@"));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void shouldLoadTheBundledSampleFromTheClasspath() {
        InstrumentLoadReport report = KiteInstrumentLoader.fromResource("/" + KiteInstrumentLoader.SAMPLE_RESOURCE)
                .loadInto(registry);

        assertThat(report.loaded()).isEqualTo(registry.size()).isGreaterThan(70);
        assertThat(registry.nseIndices()).extracting(Instrument::tradingSymbol).contains("NIFTY 50", "NIFTY BANK");
        assertThatThrownBy(() -> KiteInstrumentLoader.fromResource("nope.csv").read())
                .hasMessageContaining("classpath:nope.csv").hasRootCauseMessage("no classpath resource nope.csv");
    }
}
