package io.tickengine.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as an operator starts it: demo mode with no settings but a port and a SQLite file,
 * stopped by SIGTERM, which must drain and flush every sink and exit 0; and settings found bad only when
 * starting, which must end in one line naming the setting and exit code 2.
 */
class TickServerMainIT {
    @TempDir
    Path dir;

    @Test
    void shouldStopOnSigtermWithExitCodeZeroHavingStoredTheTicks() throws Exception {
        Path jar = Path.of("target", "tick-server.jar");
        assertThat(jar).as("the runnable jar, built in the package phase").exists();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path db = dir.resolve("ticks.db");
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KITE_") || k.startsWith("ANGELONE_")
                || k.equals("REDIS_URL") || k.equals("DB_URL") || k.equals("FEED"));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("SQLITE_PATH", db.toString());
        Process process = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean ticking = false;
            while (!ticking && System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    ticking = health.statusCode() == 200 && persisted(health.body()) > 0;
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (!ticking) {
                    Thread.sleep(200);
                }
            }
            assertThat(ticking).as("ticks persisted before the signal; log:%n%s", Files.readString(log)).isTrue();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as("exit code; log:%n%s", output).isZero();
            assertThat(output).contains("shutting down").contains("stopped").doesNotContain("undelivered");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM ticks")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("ticks in the store after the stop").isPositive();
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldExitWithCode2NamingKiteInstrumentsWhenTheMasterCannotBeLoaded() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closed;
        for (String bad : List.of(dir.toString(), dir.resolve("missing.csv").toString(),
                unreachable + "/masters/instruments.csv?sig=secret-signature", unreachable + "/instruments")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            TickServerMain.Started s = TickServerMain.start(new String[0], Map.of("PORT", "0", "SQLITE_PATH",
                    dir.resolve("t.db").toString(), "KITE_INSTRUMENTS", bad), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(s.server()).as(bad).isNull();
            assertThat(s.exitCode()).as(message).isEqualTo(TickServerMain.EXIT_CONFIG);
            assertThat(message).as(bad).startsWith("tick-server: KITE_INSTRUMENTS: ").hasLineCount(1)
                    .doesNotContain("secret-signature");
        }
    }

    @Test
    void shouldNameTheScripMasterWithoutItsQueryWhenItCannotBeFetched() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TickServerMain.Started s = TickServerMain.start(new String[0], Map.of("PORT", "0", "FEED", "angelone",
                "SQLITE_PATH", dir.resolve("t.db").toString(), "ANGELONE_SCRIP_MASTER",
                "http://127.0.0.1:" + closed + "/scrip.json?token=secret-token"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(s.exitCode()).as(message).isEqualTo(TickServerMain.EXIT_CONFIG);
        assertThat(message).startsWith("tick-server: ANGELONE_SCRIP_MASTER: ").hasLineCount(1)
                .doesNotContain("secret-token");
    }

    @Test
    void shouldExitWithCode2NamingThePortWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            TickServerMain.Started s = TickServerMain.start(new String[0], Map.of("PORT",
                    Integer.toString(taken.getLocalPort()), "SQLITE_PATH", dir.resolve("t.db").toString()),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(s.server()).isNull();
            assertThat(s.exitCode()).as(message).isEqualTo(TickServerMain.EXIT_CONFIG);
            assertThat(message).startsWith("tick-server: PORT: cannot listen on port " + taken.getLocalPort())
                    .hasLineCount(1);
        }
    }

    /** {@code tickengine_ticks_persisted_total} from the Prometheus text, 0 when absent. */
    private static double persisted(String metrics) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("tickengine_ticks_persisted_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
