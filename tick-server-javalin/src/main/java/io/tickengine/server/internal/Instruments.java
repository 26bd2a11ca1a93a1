package io.tickengine.server.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.kite.instruments.KiteInstrumentLoader;
import io.tickengine.kite.rest.KiteRestOptions;
import io.tickengine.kite.pool.KiteAccount;
import io.tickengine.server.config.InvalidConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finding instruments: the loader for the configured master, symbol lookups and the startup universe. */
public final class Instruments {
    private Instruments() {
    }

    /**
     * The loader for {@code KITE_INSTRUMENTS}: an http(s) URL ending in {@code /instruments} or
     * {@code /instruments/EXCHANGE} is Kite's API (or the simulator's) and gets the account's credentials;
     * any other http(s) URL is a CSV in Kite's format fetched without them; {@code classpath:} a resource;
     * anything else a file path. Null means {@code defaultApi}'s /instruments.
     */
    public static KiteInstrumentLoader loader(String setting, URI defaultApi, KiteAccount account) {
        String value = setting;
        if (value == null) {
            if (defaultApi == null) {
                return KiteInstrumentLoader.sample();
            }
            return KiteInstrumentLoader.fromApi(rest(defaultApi, account));
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            URI uri;
            try {
                uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            } catch (URISyntaxException e) {
                // Not e.getMessage(): it quotes the whole URL, which may carry a token in its query.
                throw new InvalidConfigException("KITE_INSTRUMENTS", "is not a valid URL (" + e.getReason()
                        + " at index " + e.getIndex() + ")");
            }
            if (uri.getHost() == null) {
                throw new InvalidConfigException("KITE_INSTRUMENTS", "a URL needs a host");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int at = path.lastIndexOf("/instruments");
            String tail = at < 0 ? "-" : path.substring(at + "/instruments".length());
            if (uri.getRawQuery() == null && (tail.isEmpty() || tail.matches("/[A-Za-z]+"))) {
                URI api = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path.substring(0, at));
                return tail.isEmpty() ? KiteInstrumentLoader.fromApi(rest(api, account))
                        : KiteInstrumentLoader.fromApi(rest(api, account), Exchange.of(tail.substring(1)));
            }
            return KiteInstrumentLoader.fromUrl(uri, KiteRestOptions.DEFAULT_REQUEST_TIMEOUT);
        }
        if (value.startsWith("classpath:")) {
            return KiteInstrumentLoader.fromResource(value.substring("classpath:".length()));
        }
        Path file = Path.of(value);
        if (!Files.isReadable(file)) {
            throw new InvalidConfigException("KITE_INSTRUMENTS", "file " + file + " cannot be read");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidConfigException("KITE_INSTRUMENTS", file + " is a directory, not a CSV file");
        }
        return KiteInstrumentLoader.fromFile(file);
    }

    private static KiteRestOptions rest(URI base, KiteAccount account) {
        KiteRestOptions.Builder b = KiteRestOptions.builder().baseUrl(base);
        if (account != null) {
            b.apiKey(account.apiKey()).accessToken(account.accessToken());
        }
        return b.build();
    }

    /** An instrument by {@code EXCHANGE:SYMBOL}, plain symbol (NSE) or numeric token; null when unknown. */
    public static Instrument resolve(InstrumentRegistry registry, String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.chars().allMatch(Character::isDigit) && s.length() < 19) {
            return registry.findByToken(Long.parseLong(s));
        }
        if (s.indexOf(':') > 0) {
            try {
                return registry.bySymbol(s).orElse(null);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return registry.bySymbol(Exchange.NSE, s.toUpperCase(Locale.ROOT)).orElse(null);
    }

    /**
     * The instruments to subscribe at startup: {@code default} is NSE indices then NSE EQ stocks up to
     * {@code capacity}; {@code none} is nothing; otherwise a comma-separated list of keys or tokens.
     */
    public static List<Long> universe(InstrumentRegistry registry, String setting, int capacity) {
        Set<Long> out = new LinkedHashSet<>();
        if (setting.equalsIgnoreCase("none")) {
            return List.of();
        }
        if (setting.equalsIgnoreCase("default")) {
            for (Instrument i : registry.nseIndices()) {
                out.add(i.instrumentToken());
            }
            for (Instrument i : registry.nseStocks()) {
                out.add(i.instrumentToken());
            }
        } else {
            for (String part : setting.split(",")) {
                Instrument i = resolve(registry, part);
                if (i == null) {
                    throw new InvalidConfigException("UNIVERSE", "unknown instrument '" + part.strip() + "'");
                }
                out.add(i.instrumentToken());
            }
        }
        List<Long> all = new ArrayList<>(out);
        return all.size() > capacity ? all.subList(0, capacity) : all;
    }
}
