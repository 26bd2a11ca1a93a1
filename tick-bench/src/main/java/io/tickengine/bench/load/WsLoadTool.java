package io.tickengine.bench.load;

import io.tickengine.kite.sim.KiteSimulator;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Load tool (not a test): the Kite simulator producing R ticks/s over M instruments, the server as a
 * child JVM on the real Kite connection to it, and N WebSocket clients in this JVM each subscribed to K
 * random instruments, all on loopback. Reports delivered ticks/s, latency from the server's receipt of a
 * tick ({@code receive_timestamp}) to the client's, drops as the server counts them, and the server's
 * RSS. Usage ({@code --help} lists every option): {@code java -cp tick-bench/target/benchmarks.jar io.tickengine.bench.load.WsLoadTool
 * [--clients 1000] [--per-client 100] [--instruments 3000] [--rate 6000] [--warmup 20] [--duration 60]
 * [--mode full] [--options batch=20] [--client nio] [--selectors 2] [--server-jvm "-Xmx256m"]}. {@code --options}
 * is a query string appended to {@code /ws/ticks}, the frame options the server negotiates at connect
 * ({@code batch=N}, {@code format=json}); a batched frame counts as all the ticks it carries. {@code --client nio} (the default)
 * reads the sockets with {@link NioClients}, {@code jdk} with the JDK's WebSocket client ({@link JdkClients});
 * {@code --selectors} is how many threads (selectors, or JDK HTTP clients) read them.
 */
public final class WsLoadTool {
    /** The API key clients present; the server refuses to run a real feed without auth. */
    static final String API_KEY = "load-tool-api-key-0123456789abcdef";

    private static final String USAGE = """
            usage: java -cp tick-bench/target/benchmarks.jar io.tickengine.bench.load.WsLoadTool [--name value ...]
              --clients N       WebSocket clients (default 1000, at most 20000)
              --per-client K    random instruments each client subscribes to (default 100)
              --instruments M   instruments the simulator ticks (default 3000, at most 9000)
              --rate R          ticks/s the simulator sends over all instruments (default 6000)
              --warmup S        seconds between subscribing and measuring (default 20)
              --duration S      seconds measured (default 60)
              --mode MODE       feed mode the server subscribes in: ltp, quote or full (default full)
              --options Q       query string for /ws/ticks, such as batch=20 (default none)
              --client KIND     nio (default) or jdk
              --selectors T     threads reading the client sockets (default 2 for nio, 4 for jdk)
              --server-jvm ARGS JVM options of the server's process (default -Xmx256m)
            """;
    private static final java.util.Set<String> OPTIONS = java.util.Set.of("clients", "per-client", "instruments",
            "rate", "warmup", "duration", "mode", "options", "client", "selectors", "server-jvm");

    private WsLoadTool() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** A bad command line: its message says what is wrong, without a stack trace. */
    private static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        Map<String, String> a = parse(args);
        int n = intOption(a, "clients", 1000);
        int k = intOption(a, "per-client", 100);
        int m = intOption(a, "instruments", 3000);
        int r = intOption(a, "rate", 6000);
        int warmup = intOption(a, "warmup", 20);
        int duration = intOption(a, "duration", 60);
        String mode = a.getOrDefault("mode", "full").toLowerCase(Locale.ROOT);
        String client = a.getOrDefault("client", "nio");
        String options = a.getOrDefault("options", "");
        int selectors = intOption(a, "selectors", client.equals("jdk") ? 4 : 2);
        List<String> jvm = List.of(a.getOrDefault("server-jvm", "-Xmx256m").split(" "));
        if (n < 1 || k < 1 || k > m || m > 9000 || r < 1 || warmup < 0 || duration < 1 || n > 20_000
                || selectors < 1 || !(client.equals("nio") || client.equals("jdk"))
                || !(mode.equals("ltp") || mode.equals("quote") || mode.equals("full"))
                || !options.matches("([a-z]+=[A-Za-z0-9]+(&[a-z]+=[A-Za-z0-9]+)*)?")) {
            throw new UsageException("need 1 <= per-client <= instruments <= 9000, clients 1..20000, rate, duration and selectors > 0, warmup >= 0, "
                    + "mode ltp, quote or full, client nio or jdk, options a query string such as batch=20&format=json");
        }
        if (options.contains("format=msgpack")) {
            throw new UsageException("--options format=msgpack: the load clients measure JSON text frames only");
        }
        Path dir = Files.createTempDirectory("tick-load");
        List<Long> tokens = writeInstruments(dir.resolve("instruments.csv"), m);
        Duration interval = Duration.ofNanos(m * 1_000_000_000L / r);
        System.out.printf(Locale.ROOT, "load: N=%d clients x K=%d, M=%d instruments at R=%d ticks/s (every %d ms), mode %s, "
                + "options %s%n", n, k, m, r, interval.toMillis(), mode, options.isEmpty() ? "none (one tick per frame)" : options);
        System.out.printf(Locale.ROOT, "load average at start: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        try (KiteSimulator sim = KiteSimulator.builder().tickInterval(interval).start()) {
            Map<String, String> env = new HashMap<>();
            env.put("KITE_API_KEY", sim.apiKey());
            env.put("KITE_ACCESS_TOKEN", sim.accessToken());
            env.put("KITE_WS_URL", sim.uri().toString());
            env.put("KITE_REST_URL", sim.restUri().toString());
            env.put("KITE_INSTRUMENTS", dir.resolve("instruments.csv").toString());
            env.put("SQLITE_PATH", dir.resolve("ticks.db").toString());
            env.put("TICK_MODE", mode);
            env.put("API_KEYS", API_KEY);
            env.put("WS_MAX_CONNECTIONS_PER_IP", Integer.toString(n + 10));
            int port = freePort();
            try (ServerProcess server = ServerProcess.start(port, jvm, env, dir.resolve("server.log"));
                 LoadClients clients = client.equals("jdk") ? new JdkClients(selectors) : new NioClients(selectors)) {
                System.out.printf("server pid %d on port %d (log %s)%n", server.pid(), port, dir.resolve("server.log"));
                waitForFeed(server);
                Random random = new Random(42);
                List<List<Long>> subs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<Long> shuffled = new ArrayList<>(tokens);
                    Collections.shuffle(shuffled, random);
                    subs.add(shuffled.subList(0, k));
                }
                long t0 = System.nanoTime();
                clients.open(URI.create("ws://127.0.0.1:" + port + "/ws/ticks" + (options.isEmpty() ? "" : "?" + options)), API_KEY, subs, 50);
                System.out.printf("%d clients connected and subscribed in %d ms; warming up %d s%n", n,
                        (System.nanoTime() - t0) / 1_000_000, warmup);
                Thread.sleep(warmup * 1000L);
                measure(sim, server, clients, n, k, m, r, duration);
            }
        }
    }

    private static void measure(KiteSimulator sim, ServerProcess server, LoadClients clients, int n, int k, int m,
                                int r, int seconds) throws Exception {
        long sent0 = sim.ticksSent();
        long simStart = System.nanoTime();
        double in0 = server.metric("tickengine_ticks_received_total");
        double conflated0 = server.metric("tickengine_websocket_conflated_total");
        double slow0 = server.metric("tickengine_websocket_slow_closed_total");
        double broadcastLoss0 = server.metric("tickengine_sink_conflated_total{sink=\"broadcast\"}")
                + server.metric("tickengine_sink_dropped_total{sink=\"broadcast\"}");
        int closed0 = clients.closedConnections();
        double serverCpu0 = server.cpuSeconds();
        double toolCpu0 = ServerProcess.procCpuSeconds(ProcessHandle.current().pid());
        clients.startRecording();
        long start = System.nanoTime();
        long maxRss = 0;
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1000);
            maxRss = Math.max(maxRss, server.rssKib());
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long delivered = clients.ticks();
        long frames = clients.frames();
        double serverCpu = server.cpuSeconds() - serverCpu0;
        double toolCpu = ServerProcess.procCpuSeconds(ProcessHandle.current().pid()) - toolCpu0;
        Histogram h = clients.latencies();
        double simRate = (sim.ticksSent() - sent0) / ((System.nanoTime() - simStart) / 1e9);
        double feed = (server.metric("tickengine_ticks_received_total") - in0) / secs;
        double conflated = server.metric("tickengine_websocket_conflated_total") - conflated0;
        double slow = server.metric("tickengine_websocket_slow_closed_total") - slow0;
        double broadcastLoss = server.metric("tickengine_sink_conflated_total{sink=\"broadcast\"}")
                + server.metric("tickengine_sink_dropped_total{sink=\"broadcast\"}") - broadcastLoss0;
        long rss = server.rssKib();
        System.out.printf(Locale.ROOT, "simulator sent: %.0f ticks/s (requested %d, %.0f%%)%n", simRate, r, 100 * simRate / r);
        System.out.printf(Locale.ROOT, "feed into server: %.0f ticks/s (requested %d)%n", feed, r);
        System.out.printf(Locale.ROOT, "delivered: %.0f ticks/s to clients (expected about %.0f = N*K*feed/M), "
                + "in %.0f frames/s (%.1f ticks per frame), %.0f bytes per tick, %.1f MB/s%n", delivered / secs,
                (double) n * k * feed / m, frames / secs, frames == 0 ? 0.0 : (double) delivered / frames,
                delivered == 0 ? 0.0 : (double) clients.chars() / delivered, clients.chars() / secs / 1e6);
        System.out.printf(Locale.ROOT, "latency server receipt -> client receipt (ms): p50=%d p99=%d p99.9=%d max=%d (n=%d)%n",
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                h.getTotalCount());
        System.out.printf(Locale.ROOT, "drops: %.0f updates conflated for slow clients, %.0f clients closed 1013, "
                + "%.0f ticks conflated/dropped before the broadcaster, %d client connections lost%n",
                conflated, slow, broadcastLoss, clients.closedConnections() - closed0);
        System.out.printf(Locale.ROOT, "CPU: server %.2f cores (%.1f us per delivered tick), load tool (clients and "
                + "simulator) %.2f cores (%.1f us per tick); load average now %.1f%n", serverCpu / secs,
                delivered == 0 ? 0.0 : serverCpu * 1e6 / delivered, toolCpu / secs,
                delivered == 0 ? 0.0 : toolCpu * 1e6 / delivered,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "server RSS (child process VmRSS): %d MiB at end, %d MiB max%n", rss / 1024, maxRss / 1024);
    }

    private static void waitForFeed(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.metric("tickengine_ticks_received_total") <= 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no ticks reached the server within 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** A Kite instruments CSV of {@code m} synthetic NSE stocks; returns their tokens. */
    static List<Long> writeInstruments(Path file, int m) throws IOException {
        StringBuilder csv = new StringBuilder("instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,"
                + "strike,tick_size,lot_size,instrument_type,segment,exchange\n");
        List<Long> tokens = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            long exchangeToken = 100_000 + i;
            long token = exchangeToken << 8 | 1; // segment 1: NSE cash
            tokens.add(token);
            csv.append(token).append(',').append(exchangeToken).append(",LOAD").append(i).append(",\"LOAD ")
                    .append(i).append("\",0,,0,0.05,1,EQ,NSE,NSE\n");
        }
        Files.writeString(file, csv);
        return tokens;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!OPTIONS.contains(name) || i + 1 >= args.length) {
                throw new UsageException("bad argument " + args[i] + " (unknown, or without a value)\n" + USAGE);
            }
            m.put(name, args[++i]);
        }
        return m;
    }

    private static int intOption(Map<String, String> a, String name, int fallback) {
        String value = a.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was " + value);
        }
    }
}
