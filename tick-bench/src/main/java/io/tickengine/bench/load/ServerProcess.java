package io.tickengine.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server under load as a child JVM ({@code TickServerMain} on this tool's classpath), so its
 * resident memory ({@code VmRSS} in {@code /proc/<pid>/status}) is its own and not the clients'.
 */
final class ServerProcess implements AutoCloseable {
    /** Linux's USER_HZ, the unit of the CPU times in {@code /proc/<pid>/stat}; 100 on every mainstream kernel. */
    private static final int CLOCK_TICKS = 100;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server with these settings (environment variables) and waits until it answers. */
    static ServerProcess start(int port, List<String> jvmArgs, Map<String, String> env, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.tickengine.server.TickServerMain");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        ServerProcess s = new ServerProcess(pb.start(), port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!s.process.isAlive()) {
                throw new IllegalStateException("server exited with " + s.process.exitValue() + "; see " + log);
            }
            try {
                if (s.get("/health/live").statusCode() == 200) {
                    return s;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        s.close();
        throw new IllegalStateException("server did not answer within 60 s; see " + log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One Prometheus sample, or 0 when absent. */
    double metric(String series) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }

    long pid() {
        return process.pid();
    }

    /** The child's resident set size in KiB, from {@code /proc}. */
    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        }
        return -1;
    }

    /** CPU time the child has used so far (user + system), in seconds, from {@code /proc}. */
    double cpuSeconds() throws IOException {
        return procCpuSeconds(process.pid());
    }

    /** CPU time (user + system) of a process on Linux, in seconds. */
    static double procCpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
