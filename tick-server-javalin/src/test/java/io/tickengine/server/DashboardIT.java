package io.tickengine.server;

import io.tickengine.server.browser.Chromium;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.ws.ClientSession;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market-watch page in headless Chromium against the server in demo mode (the Kite simulator as
 * feed): it loads, prices tick, the chart grows, search adds an instrument, and a server restart shows
 * "reconnecting" and then recovers. Leaves a screenshot at {@code target/dashboard.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    static final Duration WAIT = Duration.ofSeconds(20);
    /** What a failed wait reports about the page. */
    static final String PAGE_STATE = "(async () => JSON.stringify({status: document.getElementById('status').textContent, "
            + "rows: document.querySelectorAll('#watch tbody tr').length, "
            + "lastRow: document.querySelector('#watch tbody tr:last-child')?.textContent, "
            + "search: document.getElementById('search-results').textContent, "
            + "focus: document.activeElement?.outerHTML.slice(0, 200)}) + await (await fetch('/ws/stats')).text())()";

    @TempDir
    static Path dir;
    static ServerOptions options;
    static TickServer server;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Path binary = Chromium.requireBinary();
        options = ServerOptions.builder().port(0).sqlitePath(dir.resolve("ticks.db")).build();
        server = TickServer.create(options).start();
        browser = Chromium.launch(binary, Files.createDirectories(dir.resolve("profile")), 1400, 900);
        browser.open("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.screenshot(SCREENSHOT);
                browser.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    @Order(1)
    void shouldLoadTheDefaultWatchListAndTickPrices() {
        awaitTrue("document.getElementById('status').dataset.state === 'live'");
        awaitTrue("document.querySelectorAll('#watch tbody tr').length >= 50");
        assertThat(text("#watch tbody tr:nth-child(1) .sym")).isEqualTo("NIFTY 50");
        assertThat(text("#watch tbody tr:nth-child(2) .sym")).isEqualTo("NIFTY BANK");
        assertThat(browser.eval("!!document.querySelector('#watch tr[data-symbol=\"NSE:INFY\"]')").asBoolean()).isTrue();

        String ltp = "#watch tr[data-symbol=\"NSE:NIFTY 50\"] .ltp";
        awaitTrue(js(ltp) + ".textContent !== '—'");
        String first = text(ltp);
        awaitTrue(js(ltp) + ".textContent !== " + quote(first));
        assertThat(text("#watch tr[data-symbol=\"NSE:NIFTY 50\"] .pct")).endsWith("%");
    }

    @Test
    @Order(2)
    void shouldGrowTheChartAndShowDepthForTheSelectedInstrument() {
        awaitTrue(js("#detail-title") + ".textContent === 'NSE:NIFTY 50'");
        awaitTrue("+document.getElementById('chart').dataset.candles > 0");
        int before = candles();
        await().atMost(WAIT).until(() -> candles() >= before + 3);
        int received = received();
        await().atMost(WAIT).until(() -> received() >= received + 2); // closed candles from /ws/candles

        browser.eval("document.querySelector('[data-interval=\"1m\"]').click()");
        awaitTrue("+document.getElementById('chart').dataset.candles > 0");
        browser.eval("document.querySelector('[data-interval=\"1s\"]').click()");
        awaitTrue("+document.getElementById('chart').dataset.candles > 0");

        browser.eval("document.querySelector('#watch tr[data-symbol=\"NSE:RELIANCE\"]').click()");
        awaitTrue("document.getElementById('detail-title').textContent === 'NSE:RELIANCE'");
        awaitTrue("document.querySelector('#depth tbody tr:first-child td.bid').textContent !== ''");
    }

    @Test
    @Order(3)
    void shouldAddAnInstrumentFromSearchWithTheKeyboard() {
        browser.eval("document.getElementById('search-input').focus()");
        browser.type("NIFTY IT");
        awaitTrue("document.querySelector('#search-results li[aria-selected=\"true\"]')?.dataset.symbol === 'NSE:NIFTY IT'");
        browser.press("Enter");
        String row = "#watch tr[data-symbol=\"NSE:NIFTY IT\"]";
        awaitTrue(js(row + " .ltp") + "?.textContent.match(/\\d/) != null");

        browser.eval(js(row) + ".focus()");
        browser.press("ArrowUp");
        assertThat(browser.eval("document.activeElement.dataset.symbol").asText()).isEqualTo("NSE:WIPRO");
        browser.press("ArrowDown");
        browser.press("Enter");
        awaitTrue("document.getElementById('detail-title').textContent === 'NSE:NIFTY IT'");
        assertThat(browser.eval(js(row) + ".getAttribute('aria-selected')").asText()).isEqualTo("true");

        browser.eval(js("#watch tr[data-symbol=\"NSE:ADANIENT\"]") + ".focus()");
        browser.press("Delete");
        awaitTrue("document.querySelector('#watch tr[data-symbol=\"NSE:ADANIENT\"]') === null");
        assertThat(browser.eval("document.activeElement.dataset.symbol").asText()).isEqualTo("NSE:ADANIPORTS");
    }

    @Test
    @Order(4)
    void shouldReconnectAndResumeWithoutAGapWhenTheServerDropsTheConnections() {
        Set<String> before = server.hub().sessions().stream().map(ClientSession::id).collect(Collectors.toSet());
        assertThat(before).hasSize(2);
        server.hub().sessions().forEach(s -> s.out().close(1012, "test: connection dropped"));

        await().atMost(WAIT).until(() -> server.hub().sessions().size() == 2
                && server.hub().sessions().stream().map(ClientSession::id).noneMatch(before::contains));
        awaitTrue("document.getElementById('status').dataset.state === 'live'");
        String ltp = "#watch tr[data-symbol=\"NSE:NIFTY IT\"] .ltp";
        String first = text(ltp);
        awaitTrue(js(ltp) + ".textContent !== " + quote(first));
        assertThat(browser.eval("document.body.dataset.gaps || '0'").asText()).isEqualTo("0");
    }

    @Test
    @Order(5)
    void shouldShowReconnectingWhileTheServerIsDownAndRecoverAfterwards() {
        int port = server.port();
        server.stop();
        awaitTrue("document.getElementById('status').dataset.state === 'reconnecting'");
        assertThat(text("#status")).startsWith("reconnecting");

        server = TickServer.create(options.mutate().port(port).build()).start();
        awaitTrue("document.getElementById('status').dataset.state === 'live'");
        String ltp = "#watch tr[data-symbol=\"NSE:NIFTY IT\"] .ltp";
        String first = text(ltp);
        awaitTrue(js(ltp) + ".textContent !== " + quote(first));
        int received = received();
        await().atMost(WAIT).until(() -> received() >= received + 2);
        assertThat(browser.pageErrors()).isEmpty();
    }

    static void awaitTrue(String expression) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .alias(expression).ignoreExceptions().until(() -> browser.eval(expression).asBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\npage: " + browser.eval(PAGE_STATE) + "\nerrors: "
                    + browser.pageErrors() + "\nconsole: " + browser.consoleMessages(), e);
        }
    }

    static String text(String selector) {
        return browser.eval(js(selector) + ".textContent").asText();
    }

    static int candles() {
        return browser.eval("+document.getElementById('chart').dataset.candles").asInt();
    }

    static int received() {
        return browser.eval("+(document.getElementById('chart').dataset.received || 0)").asInt();
    }

    static String js(String selector) {
        return "document.querySelector(" + quote(selector) + ")";
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
