package io.tickengine.server;

import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of a stop: the port closes and requests on open connections get 503 before clients are
 * closed with 1001, so nothing new gets in while the stop waits for clients to go.
 */
class ShutdownIT {
    @TempDir
    Path dir;
    TickServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldRefuseNewConnectionsRequestsAndUpgradesOnceStopBegins() throws Exception {
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).build()).start();
        int port = server.port();
        try (Socket keptAlive = open(port); Socket forUpgrade = open(port);
             RawWsSocket silent = new RawWsSocket(port, "/ws/ticks", "http://127.0.0.1")) {
            assertThat(exchange(keptAlive, get(port))).startsWith("HTTP/1.1 200");
            assertThat(exchange(forUpgrade, get(port))).startsWith("HTTP/1.1 200");

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(server::stop);
            // The close frame says the stop reached the clients; the server is still waiting for them to go.
            assertThat(silent.readUntilClose()).startsWith("1001 Server shutting down");

            // The port is closed. A connection made in the moment before the closed listening socket is
            // released (NIO releases a channel registered with a selector at its next select; Jetty's selector
            // may take one more from its queue) is never served: it is reset, closed unanswered, or answered 503.
            assertThat(fresh(port)).as("a new connection after the stop began")
                    .matches("refused|reset|eof|HTTP/1\\.1 503 .*");
            // Connections opened before are answered 503 until the server closes them (eof once it has).
            assertThat(exchange(keptAlive, get(port))).as("a request on a connection opened before")
                    .matches("HTTP/1\\.1 503 .*|eof");
            assertThat(exchange(forUpgrade, upgrade(port))).as("an upgrade on a connection opened before")
                    .matches("HTTP/1\\.1 503 .*|eof");
            assertThat(stopped.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** What a new connection gets: refused, reset, closed unanswered ({@code eof}), or a status line. */
    static String fresh(int port) {
        try (Socket s = open(port)) {
            return exchange(s, get(port));
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return "reset";
        }
    }

    static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    static String get(int port) {
        return "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    static String upgrade(int port) {
        return "GET /ws/ticks HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /**
     * Sends one request on a kept-alive connection and reads the whole response; returns its status line,
     * or {@code "eof"} when the server closed the connection instead.
     */
    static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        String status = line(in);
        if (status == null) {
            return "eof";
        }
        long length = 0;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).strip(), 16); size > 0; size = Long.parseLong(line(in).strip(), 16)) {
                in.readNBytes((int) size + 2);
            }
            line(in);
        } else {
            in.readNBytes((int) length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
