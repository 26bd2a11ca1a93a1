package io.tickengine.kite.instruments;

import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.internal.Redaction;
import io.tickengine.kite.rest.KiteAuthException;
import io.tickengine.kite.rest.KiteHttpException;
import io.tickengine.kite.rest.KiteRestOptions;
import io.tickengine.kite.rest.internal.KiteHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Kite's instruments master into an {@link InstrumentRegistry}: from the REST API (all exchanges or
 * some), from a file, or from a classpath resource. Each {@link #loadInto} reads the source again, so
 * calling it is the on-demand refresh; bad rows are counted and reported, and a read with no good row
 * leaves the registry as it was. Thread-safe.
 */
public final class KiteInstrumentLoader {
    /** The sample master bundled with this module: NSE indices, NIFTY 50 stocks, a few derivatives. */
    public static final String SAMPLE_RESOURCE = "io/tickengine/kite/instruments-sample.csv";

    private static final Logger LOG = LoggerFactory.getLogger(KiteInstrumentLoader.class);

    /** Opens the CSV text of one part of the master. */
    @FunctionalInterface
    private interface Opener {
        Reader open() throws IOException;
    }

    private final String description;
    private final List<Part> parts;

    private record Part(String description, Opener opener) {
    }

    private KiteInstrumentLoader(String description, List<Part> parts) {
        this.description = description;
        this.parts = List.copyOf(parts);
    }

    /**
     * A loader that fetches {@code GET /instruments}, or {@code GET /instruments/{exchange}} once per exchange
     * when some are named.
     */
    public static KiteInstrumentLoader fromApi(KiteRestOptions options, Exchange... exchanges) {
        Objects.requireNonNull(options, "options");
        KiteHttp http = new KiteHttp(options);
        List<Part> parts = new ArrayList<>();
        if (exchanges.length == 0) {
            parts.add(apiPart(http, "/instruments"));
        }
        for (Exchange e : exchanges) {
            Objects.requireNonNull(e, "exchange");
            parts.add(apiPart(http, "/instruments/" + URLEncoder.encode(e.name(), StandardCharsets.UTF_8)));
        }
        return new KiteInstrumentLoader(options.baseUrl() + "/instruments", parts);
    }

    /**
     * A loader that downloads a CSV in Kite's format from any http(s) URL, such as a copy of the master an
     * operator hosts: a plain GET (gzip accepted, redirects followed) without Kite's headers or credentials,
     * which must not go to another host. Kite's own API is {@link #fromApi}.
     */
    public static KiteInstrumentLoader fromUrl(URI url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("an instruments URL needs http(s) and a host");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        // Logs and errors name the URL without user info or query, which may carry a password or a token.
        String where = Redaction.url(url);
        return new KiteInstrumentLoader(where, List.of(new Part(where, () -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept-Encoding", "gzip").GET()
                    .build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while fetching " + where);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("GET " + where + " answered HTTP " + response.statusCode());
            }
            return new InputStreamReader(KiteHttp.body(response), StandardCharsets.UTF_8);
        })));
    }

    /** A loader that reads a CSV file in Kite's format (UTF-8). */
    public static KiteInstrumentLoader fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        return new KiteInstrumentLoader(file.toString(),
                List.of(new Part(file.toString(), () -> Files.newBufferedReader(file, StandardCharsets.UTF_8))));
    }

    /** A loader that reads a classpath resource in Kite's format, for example {@link #SAMPLE_RESOURCE}. */
    public static KiteInstrumentLoader fromResource(String resource) {
        Objects.requireNonNull(resource, "resource");
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return new KiteInstrumentLoader("classpath:" + name, List.of(new Part("classpath:" + name, () -> {
            InputStream in = KiteInstrumentLoader.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new java.io.FileNotFoundException("no classpath resource " + name);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        })));
    }

    /** A loader of the bundled sample master. */
    public static KiteInstrumentLoader sample() {
        return fromResource(SAMPLE_RESOURCE);
    }

    /**
     * Reads the master without loading it anywhere.
     *
     * @throws KiteAuthException when the API refuses the credentials (HTTP 403)
     * @throws KiteHttpException when the API answers with another error or cannot be reached
     * @throws InvalidInstrumentFileException when a part's header lacks a column
     * @throws UncheckedIOException when a file or resource cannot be read
     */
    public KiteInstrumentCsv.Result read() {
        List<Instrument> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int rows = 0;
        int bad = 0;
        for (Part part : parts) {
            KiteInstrumentCsv.Result r;
            try (Reader reader = part.opener().open()) {
                r = KiteInstrumentCsv.read(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read instruments from " + part.description(), e);
            }
            all.addAll(r.instruments());
            rows += r.rows();
            bad += r.badRows();
            for (String p : r.problems()) {
                if (problems.size() < KiteInstrumentCsv.MAX_PROBLEMS) {
                    problems.add(parts.size() == 1 ? p : part.description() + " " + p);
                }
            }
        }
        return new KiteInstrumentCsv.Result(all, rows, bad, problems);
    }

    /**
     * Reads the master and replaces the registry's with it; call again to refresh. When no row is good the
     * registry keeps its master and the report says so.
     *
     * @throws KiteAuthException when the API refuses the credentials (HTTP 403)
     * @throws KiteHttpException when the API answers with another error or cannot be reached
     * @throws InvalidInstrumentFileException when a part's header lacks a column
     * @throws UncheckedIOException when a file or resource cannot be read
     */
    public InstrumentLoadReport loadInto(InstrumentRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        long start = System.nanoTime();
        KiteInstrumentCsv.Result r = read();
        boolean replace = !r.instruments().isEmpty();
        if (replace) {
            registry.replaceAll(r.instruments());
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        InstrumentLoadReport report = new InstrumentLoadReport(description, r.rows(), r.instruments().size(),
                r.badRows(), r.problems(), replace, took);
        if (!replace) {
            LOG.warn("Instruments from {}: no good row among {} ({} bad); the registry keeps its master; first problems: {}",
                    description, r.rows(), r.badRows(), r.problems());
        } else if (r.badRows() > 0) {
            LOG.warn("Instruments from {}: loaded {}, skipped {} bad rows in {} ms; first problems: {}", description,
                    report.loaded(), r.badRows(), took, r.problems());
        } else {
            LOG.info("Instruments from {}: loaded {} in {} ms", description, report.loaded(), took);
        }
        return report;
    }

    @Override
    public String toString() {
        return "KiteInstrumentLoader{" + description + '}';
    }

    private static Part apiPart(KiteHttp http, String path) {
        String where = http.options().baseUrl() + path;
        return new Part(where, () -> {
            HttpResponse<InputStream> response = http.get(path);
            if (response.statusCode() != 200) {
                throw KiteHttp.error("GET " + path, response);
            }
            return new InputStreamReader(KiteHttp.body(response), StandardCharsets.UTF_8);
        });
    }
}
