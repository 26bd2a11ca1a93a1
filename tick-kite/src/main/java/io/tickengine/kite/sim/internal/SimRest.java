package io.tickengine.kite.sim.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.kite.instruments.KiteInstrumentCsv;
import io.tickengine.kite.sim.RestCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's REST side on the JDK's HTTP server: {@code /instruments[/EXCHANGE]} serves the bundled
 * CSV (gzip when asked), {@code /quote}, {@code /quote/ohlc} and {@code /quote/ltp} the synthetic market's
 * current values. Credentials are checked as on the WebSocket (403 with Kite's TokenException body), and
 * the next requests can be made to fail with a chosen status.
 */
public final class SimRest {
    private static final Logger LOG = LoggerFactory.getLogger(SimRest.class);
    private static final int MAX_FULL_QUOTES = 500;
    private static final int MAX_QUOTES = 1000;
    private static final String JSON_TYPE = "application/json";

    private final SimAccounts accounts;
    private final SyntheticMarket market;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> csvLines;
    private final Map<String, Long> tokensByKey = new HashMap<>();
    private final List<RestCall> calls = new CopyOnWriteArrayList<>();
    private final SimFaults faults = new SimFaults();

    /** A server on {@code address} serving {@code instrumentsResource} and {@code market}; not started. */
    public SimRest(InetSocketAddress address, SimAccounts accounts, SyntheticMarket market, String instrumentsResource) {
        this.accounts = accounts;
        this.market = market;
        this.csvLines = readLines(instrumentsResource);
        for (Instrument i : KiteInstrumentCsv.read(new java.io.StringReader(String.join("\r\n", csvLines))).instruments()) {
            tokensByKey.putIfAbsent(i.key(), i.instrumentToken());
        }
        try {
            this.server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Kite simulator could not listen for REST", e);
        }
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kite-simulator-rest");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/instruments", this::guarded);
        server.createContext("/quote", this::guarded);
    }

    /** Starts answering. */
    public void start() {
        server.start();
    }

    /** Stops at once. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request answered so far, in order. */
    public List<RestCall> calls() {
        return calls;
    }

    /** The fault switches of the quote endpoints. */
    public SimFaults faults() {
        return faults;
    }

    private void guarded(HttpExchange exchange) {
        try (exchange) {
            handle(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Simulator REST request failed: {}", e.toString());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        List<String> instruments = params(ex.getRequestURI().getRawQuery(), "i");
        long at = System.nanoTime();
        if (accounts.acceptedKey(ex.getRequestHeaders().getFirst("Authorization")) == null) {
            reply(ex, path, instruments.size(), at, 403, JSON_TYPE, SimQuoteJson.error(
                    "Incorrect `api_key` or `access_token`.", "TokenException"));
            return;
        }
        if (path.equals("/instruments") || path.startsWith("/instruments/")) {
            String exchange = path.length() > "/instruments/".length() ? path.substring("/instruments/".length()) : "";
            reply(ex, path, 0, at, 200, "text/csv", csv(exchange.toUpperCase(Locale.ROOT)));
            return;
        }
        TickMode mode = path.equals("/quote") ? TickMode.FULL : path.equals("/quote/ohlc") ? TickMode.QUOTE
                : path.equals("/quote/ltp") ? TickMode.LTP : null;
        if (mode == null) {
            reply(ex, path, 0, at, 404, JSON_TYPE, SimQuoteJson.error("Route not found", "GeneralException"));
            return;
        }
        int injected = faults.take();
        if (injected != 0) {
            String type = injected == 429 ? "NetworkException" : "GeneralException";
            reply(ex, path, instruments.size(), at, injected, JSON_TYPE,
                    SimQuoteJson.error("simulated failure " + injected, type));
            return;
        }
        int max = mode == TickMode.FULL ? MAX_FULL_QUOTES : MAX_QUOTES;
        if (instruments.size() > max) {
            reply(ex, path, instruments.size(), at, 400, JSON_TYPE, SimQuoteJson.error(
                    "Too many instruments: at most " + max + " per request", "InputException"));
            return;
        }
        Map<String, Tick> quotes = new LinkedHashMap<>();
        for (String key : instruments) {
            long token = token(key);
            if (token > 0 && SyntheticMarket.streamable(token)) {
                quotes.put(key, market.tick(token, mode));
            }
        }
        reply(ex, path, instruments.size(), at, 200, JSON_TYPE, SimQuoteJson.success(quotes));
    }

    private long token(String key) {
        if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(key);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return tokensByKey.getOrDefault(key.toUpperCase(Locale.ROOT), -1L);
    }

    private byte[] csv(String exchange) {
        StringBuilder sb = new StringBuilder(csvLines.size() * 96);
        for (int i = 0; i < csvLines.size(); i++) {
            String line = csvLines.get(i);
            if (i == 0 || exchange.isEmpty() || line.substring(line.lastIndexOf(',') + 1).equals(exchange)) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void reply(HttpExchange ex, String path, int instruments, long at, int status, String type, byte[] body)
            throws IOException {
        byte[] bytes = body;
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip");
        calls.add(new RestCall(path, instruments, status, gzip, at));
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(body);
            }
            bytes = zipped.toByteArray();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<String> params(String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static List<String> readLines(String resource) {
        try (InputStream in = SimRest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\r\n|\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
