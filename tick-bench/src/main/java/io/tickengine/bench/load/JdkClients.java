package io.tickengine.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * N seed 004 WebSocket clients on the JDK's client: each subscribes to its instruments and, for every
 * tick, records the time from the server's receipt ({@code receive_timestamp}) to its own, in ms. The
 * clients are spread over several {@link HttpClient}s, because one client reads all its sockets on a
 * single selector thread, which alone cannot read 200,000 messages/s.
 */
final class JdkClients extends LoadClients {
    private static final String FIELD = "\"receive_timestamp\":\"";

    private final List<HttpClient> http = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();

    /** @param selectors JDK HTTP clients (each one selector thread) to spread the sockets over */
    JdkClients(int selectors) {
        if (selectors < 1) {
            throw new IllegalArgumentException("selectors must be positive, was " + selectors);
        }
        for (int i = 0; i < selectors; i++) {
            http.add(HttpClient.newHttpClient());
        }
    }

    /** Opens the clients, at most {@code parallel} handshakes at a time, and subscribes each. */
    @Override
    void open(URI uri, String apiKey, List<List<Long>> subscriptions, int parallel) throws Exception {
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (List<Long> tokens : subscriptions) {
            String sub = "{\"action\":\"subscribe\",\"tokens\":" + tokens.toString().replace(" ", "") + "}";
            HttpClient client = http.get((sockets.size() + pending.size()) % http.size());
            pending.add(client.newWebSocketBuilder().header("X-API-Key", apiKey)
                    .connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, new Client())
                    .thenCompose(ws -> ws.sendText(sub, true)));
            if (pending.size() >= parallel) {
                for (CompletableFuture<WebSocket> f : pending) {
                    sockets.add(f.get(60, TimeUnit.SECONDS));
                }
                pending.clear();
            }
        }
        for (CompletableFuture<WebSocket> f : pending) {
            sockets.add(f.get(60, TimeUnit.SECONDS));
        }
    }

    @Override
    public void close() {
        for (WebSocket ws : sockets) {
            ws.abort();
        }
    }

    private final class Client implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private String lastStamp = "";
        private long lastMillis;

        @Override
        public void onOpen(WebSocket ws) {
            // Unbounded demand once, instead of one request per message: a client that keeps up reads
            // as fast as the server sends, and the JDK skips a demand hand-off per message.
            ws.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            CharSequence text = data;
            if (!last || partial.length() > 0) {
                partial.append(data);
                text = partial;
            }
            if (last) {
                if (recording()) {
                    record(text.toString(), System.currentTimeMillis());
                }
                partial.setLength(0);
            }
            return null;
        }

        /** Counts every tick of a one-tick or batched frame, each with its own latency. */
        private void record(String m, long now) {
            if (!m.startsWith("{\"type\":\"tick\"") && !m.startsWith("{\"type\":\"ticks\"")) {
                return;
            }
            int n = 0;
            for (int at = m.indexOf(FIELD); at >= 0; at = m.indexOf(FIELD, at + 1)) {
                int from = at + FIELD.length();
                int to = m.indexOf('"', from);
                String stamp = m.substring(from, to);
                if (!stamp.equals(lastStamp)) {
                    lastStamp = stamp;
                    lastMillis = Instant.parse(stamp).toEpochMilli();
                }
                tick(now, lastMillis);
                n++;
            }
            if (n > 0) {
                frame(n, m.length());
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            connectionLost();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            connectionLost();
        }
    }
}
