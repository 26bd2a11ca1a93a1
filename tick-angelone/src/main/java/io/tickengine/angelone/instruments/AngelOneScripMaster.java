package io.tickengine.angelone.instruments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.internal.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Angel One's scrip master (a large JSON array of {@code token, symbol, name, expiry, strike,
 * lotsize, instrumenttype, exch_seg, tick_size}) into an {@link InstrumentRegistry}, streaming it with
 * Jackson. Each row gets an instrument id: the id of the instrument already in the registry with the same
 * exchange and symbol (so Kite and Angel One ticks of one instrument share it; Angel One's {@code -EQ}
 * suffix is ignored for the match), else {@link AngelOneTokens#syntheticId}. Rows without a match are
 * added to the registry; every row becomes an alias in {@code angelone:<exch_seg>}.
 */
public final class AngelOneScripMaster {
    /** The official scrip master. */
    public static final URI OFFICIAL_URL =
            URI.create("https://margincalculator.angelbroking.com/OpenAPI_File/files/OpenAPIScripMaster.json");
    /** A small bundled sample: NSE stocks and indices, BSE, NFO, MCX and CDS rows, and one unknown exchange. */
    public static final String SAMPLE_RESOURCE = "io/tickengine/angelone/scrip-master-sample.json";
    private static final Logger LOG = LoggerFactory.getLogger(AngelOneScripMaster.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

    private AngelOneScripMaster() {
    }

    /** Loads a scrip master file. */
    public static ScripMasterReport load(Path file, InstrumentRegistry registry) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), registry);
        } catch (IOException e) {
            throw new InvalidScripMasterException("cannot read scrip master " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a scrip master from an {@code http(s)://} or {@code file:} URI. */
    public static ScripMasterReport load(URI uri, InstrumentRegistry registry) {
        Objects.requireNonNull(uri, "uri");
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return load(Path.of(uri), registry);
        }
        // Reports, logs and errors name the URL without user info or query, which may carry a password or a token.
        String where = Redaction.url(uri);
        HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new InvalidScripMasterException("scrip master " + where + " answered HTTP " + response.statusCode(), null);
                }
                return load(in, where, registry);
            }
        } catch (IOException e) {
            throw new InvalidScripMasterException("cannot fetch scrip master " + where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidScripMasterException("interrupted while fetching scrip master " + where, e);
        }
    }

    /** Loads the bundled sample. */
    public static ScripMasterReport loadSample(InstrumentRegistry registry) {
        try (InputStream in = AngelOneScripMaster.class.getClassLoader().getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new InvalidScripMasterException("resource " + SAMPLE_RESOURCE + " is missing", null);
            }
            return load(in, SAMPLE_RESOURCE, registry);
        } catch (IOException e) {
            throw new InvalidScripMasterException("cannot read " + SAMPLE_RESOURCE, e);
        }
    }

    /**
     * Loads a scrip master from a stream, which the caller closes; {@code source} names it in the report.
     *
     * @throws InvalidScripMasterException when the stream is not a JSON array of objects
     */
    public static ScripMasterReport load(InputStream in, String source, InstrumentRegistry registry) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(registry, "registry");
        long started = System.nanoTime();
        Map<String, Instrument> existing = new HashMap<>();
        List<Instrument> all = new ArrayList<>();
        for (InstrumentClass c : InstrumentClass.values()) {
            for (Instrument i : registry.byClass(c)) {
                existing.putIfAbsent(i.key(), i);
                all.add(i);
            }
        }
        Map<ExchangeType, Map<String, Long>> aliases = new EnumMap<>(ExchangeType.class);
        for (ExchangeType t : ExchangeType.values()) {
            aliases.put(t, new LinkedHashMap<>());
        }
        int rows = 0;
        int matched = 0;
        int added = 0;
        int skipped = 0;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidScripMasterException("scrip master " + source + " is not a JSON array", null);
            }
            Map<String, String> row = new HashMap<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                rows++;
                readRow(p, row);
                ScripRow r = ScripRow.of(row);
                if (r == null) {
                    skipped++;
                    continue;
                }
                Instrument match = existing.get(r.key());
                long id = match != null ? match.instrumentToken() : AngelOneTokens.syntheticId(r.type(), r.token());
                if (match != null) {
                    matched++;
                } else {
                    Instrument i = r.toInstrument(id);
                    existing.put(i.key(), i);
                    all.add(i);
                    added++;
                }
                aliases.get(r.type()).put(r.token(), id);
            }
        } catch (IOException e) {
            throw new InvalidScripMasterException("scrip master " + source + " is not valid JSON after " + rows
                    + " rows: " + e.getMessage(), e);
        }
        if (added > 0) {
            registry.replaceAll(all);
        }
        aliases.forEach((type, map) -> registry.putAliases(type.namespace(), map));
        ScripMasterReport report = new ScripMasterReport(source, rows, matched, added, skipped,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        LOG.info("Angel One scrip master {}: {} rows, {} matched, {} added, {} skipped in {} ms", source, rows, matched,
                added, skipped, report.tookMillis());
        return report;
    }

    private static void readRow(JsonParser p, Map<String, String> row) throws IOException {
        row.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isScalarValue()) {
                row.put(field, p.getValueAsString());
            } else {
                p.skipChildren();
            }
        }
    }
}
