package io.tickengine.examples.server;

import io.tickengine.server.TickServer;
import io.tickengine.server.config.ServerOptions;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Embeds {@link TickServer} in a service: the demo feed (the Kite simulator), the server's WebSocket and
 * REST API, and one extra sink of the service's own ({@link TickCountSink}) beside the built-in ones.
 * Usage: {@code java -cp tick-examples/target/tick-examples.jar io.tickengine.examples.server.EmbeddedServerExample
 * [PORT] [DATA_DIR]} (defaults 8080 and ./data); Ctrl-C stops it gracefully.
 */
public final class EmbeddedServerExample {
    private EmbeddedServerExample() {
    }

    /** Builds and starts the server with the extra sink on a port (0: any free one). */
    public static TickServer start(int port, Path dataDir, TickCountSink counts) {
        ServerOptions options = ServerOptions.builder().port(port).sqlitePath(dataDir.resolve("ticks.db")).build();
        return TickServer.builder(options).sink(counts).build().start();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path data = Path.of(args.length > 1 ? args[1] : "data");
        TickCountSink counts = new TickCountSink();
        TickServer server = start(port, data, counts);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            System.out.println("ticks counted by the embedded sink: " + counts.total());
            stopped.countDown();
        }, "embedded-server-shutdown"));
        System.out.println("embedded tickengine server on http://127.0.0.1:" + server.port() + "/health");
        stopped.await();
    }
}
