package io.tickengine.kite.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.parse.KiteParserOptions;
import static io.tickengine.feed.ws.testing.Awaits.await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator on the wire, seen by a raw socket and by the JDK's own WebSocket client. */
class KiteSimulatorIT {
    KiteSimulator sim = KiteSimulator.builder().tickInterval(Duration.ofMillis(20))
            .heartbeatInterval(Duration.ofMillis(50)).maxInstruments(5).start();
    List<WebSocket> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WebSocket::abort);
        sim.close();
    }

    String rawHandshake(String query) throws IOException {
        try (Socket s = new Socket(sim.uri().getHost(), sim.port())) {
            s.setSoTimeout(5000);
            String request = "GET /?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + sim.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                response.write(buf, 0, n);
                if (response.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
                    break;
                }
            }
            return response.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void shouldAnswerBadCredentialsWithExactlyOneHttp403() throws IOException {
        String response = rawHandshake("api_key=" + sim.apiKey() + "&access_token=expired");

        assertThat(response).startsWith("HTTP/1.1 403 Forbidden\r\n");
        assertThat(response.split("HTTP/1.1", -1)).hasSize(2);
        assertThat(sim.handshakes()).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheNextHandshakesOnRequestAndThenAccept() throws IOException {
        sim.rejectNextHandshakes(1);
        String good = "api_key=" + sim.apiKey() + "&access_token=" + sim.accessToken();

        assertThat(rawHandshake(good)).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        assertThat(rawHandshake(good)).startsWith("HTTP/1.1 101");
    }

    @Test
    void shouldStreamEachInstrumentInItsModeWithCumulativeVolume() {
        Client c = connect();
        c.send(KiteCommand.subscribe(List.of(408065L, 256265L, 738561L)));
        c.send(KiteCommand.mode(TickMode.FULL, List.of(408065L)));
        c.send(KiteCommand.mode(TickMode.LTP, List.of(738561L)));

        await("ticks in all three modes").until(() -> c.has(408065, TickMode.FULL) && c.has(256265, TickMode.QUOTE)
                && c.has(738561, TickMode.LTP) && c.count(408065, TickMode.FULL) >= 3);

        List<Tick> infy = c.ticks(408065, TickMode.FULL);
        assertThat(infy.get(0).depth().bidLevels()).isEqualTo(5);
        assertThat(infy).extracting(Tick::volume).isSorted();
        assertThat(infy.get(infy.size() - 1).volume()).isGreaterThan(infy.get(0).volume());
        assertThat(c.ticks(256265, TickMode.QUOTE).get(0).tradable()).isFalse();
        assertThat(sim.subscriptions()).containsEntry(408065L, TickMode.FULL).containsEntry(256265L, TickMode.QUOTE);
    }

    @Test
    void shouldSendOneByteHeartbeatsWhenIdle() {
        Client c = connect();

        await("three heartbeats").until(() -> c.heartbeats() >= 3);
    }

    @Test
    void shouldAnswerTooManyInstrumentsAndBadMessagesWithErrors() {
        Client c = connect();
        c.send(KiteCommand.subscribe(List.of(1L, 2L, 3L, 4L, 5L, 6L)));
        c.ws.sendText("{\"a\":\"dance\"}", true);

        await("two error messages").until(() -> c.texts.size() >= 2);
        assertThat(c.texts.get(0)).startsWith("{\"type\":\"error\",\"data\":\"max tokens exceeded");
        assertThat(c.texts.get(1)).contains("\"type\":\"error\"").contains("unknown action");
        assertThat(sim.subscriptions()).isEmpty();
    }

    @Test
    void shouldSendTextFramesOnRequest() {
        Client c = connect();
        sim.sendOrderUpdate("{\"order_id\":\"42\"}");
        sim.sendMessage("market closes early");

        await("two text frames").until(() -> c.texts.size() >= 2);
        assertThat(c.texts).containsExactly("{\"type\":\"order\",\"data\":{\"order_id\":\"42\"}}",
                "{\"type\":\"message\",\"data\":\"market closes early\"}");
    }

    @Test
    void shouldFallSilentOnStallWhileTheSocketStaysOpen() {
        Client c = connect();
        await("a heartbeat").until(() -> c.heartbeats() >= 1);
        sim.stall();
        int frames = c.frames.size();

        await("silence").during(Duration.ofMillis(300)).until(() -> c.frames.size() <= frames + 1);
        assertThat(sim.connections()).isEqualTo(1);
        assertThat(c.ws.isInputClosed()).isFalse();
    }

    @Test
    void shouldRefuseAFourthConnectionOfOneApiKeyWith429() throws IOException {
        connect();
        connect();
        connect();
        String good = "api_key=" + sim.apiKey() + "&access_token=" + sim.accessToken();

        assertThat(rawHandshake(good)).startsWith("HTTP/1.1 429 Too Many Requests\r\n");
        assertThat(sim.connectionsPerApiKey()).containsExactly(java.util.Map.entry(sim.apiKey(), 3));
        clients.remove(0).abort();
        await("the server to see the close").until(() -> sim.connections() == 2);
        assertThat(rawHandshake(good)).startsWith("HTTP/1.1 101");
    }

    /**
     * Connects and waits until the simulator holds the session: the client may see the 101 before the
     * server registers it, and what the simulator sends meanwhile reaches no one.
     */
    Client connect() {
        int before = sim.connections();
        Client c = new Client();
        URI uri = URI.create(sim.uri() + "/?api_key=" + sim.apiKey() + "&access_token=" + sim.accessToken());
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, c).orTimeout(5, TimeUnit.SECONDS).join();
        clients.add(c.ws);
        await("the simulator's session").until(() -> sim.connections() == before + 1);
        return c;
    }

    /** A JDK WebSocket client that decodes what it receives. */
    static final class Client implements WebSocket.Listener {
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Tick> ticks = new CopyOnWriteArrayList<>();
        final KiteFrameParser parser = new KiteFrameParser(KiteParserOptions.create());
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        final StringBuilder partialText = new StringBuilder();
        WebSocket ws;

        void send(KiteCommand c) {
            ws.sendText(c.toJson(), true).join();
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                List<Tick> out = new ArrayList<>();
                parser.parse(ByteBuffer.wrap(frame), out);
                ticks.addAll(out);
                frames.add(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partialText.append(data);
            if (last) {
                texts.add(partialText.toString());
                partialText.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        long heartbeats() {
            return frames.stream().filter(f -> f.length == 1).count();
        }

        List<Tick> ticks(long token, TickMode mode) {
            return ticks.stream().filter(t -> t.instrumentToken() == token && t.mode() == mode).toList();
        }

        boolean has(long token, TickMode mode) {
            return count(token, mode) > 0;
        }

        int count(long token, TickMode mode) {
            return ticks(token, mode).size();
        }
    }
}
