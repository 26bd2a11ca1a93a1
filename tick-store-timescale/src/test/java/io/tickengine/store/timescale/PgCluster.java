package io.tickengine.store.timescale;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster the test owns: initdb into a temporary directory, then start and stop
 * it with pg_ctl on a free loopback port, so a test can take the database down for real. Runs the
 * server binaries as the {@code postgres} user when the tests run as root.
 */
final class PgCluster implements AutoCloseable {
    private final Path binDir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final boolean asPostgresUser;

    private PgCluster(Path binDir, Path dataDir, int port) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.port = port;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed server's bin directory, or null when there is none. */
    static Path findBinDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0")))).orElse(null);
        }
    }

    /** Creates a cluster under {@code parent} and starts it. */
    static PgCluster start(Path binDir, Path parent) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve("pgdata"));
        PgCluster c = new PgCluster(binDir, dir, freePort());
        if (c.asPostgresUser) {
            run(List.of("chown", "-R", "postgres:postgres", parent.toString()));
        }
        c.pg("initdb", "-D", dir.toString(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        c.start();
        return c;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    void start() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off "
                        + "-c full_page_writes=off", "start");
    }

    /** Stops the server: {@code fast} ends sessions cleanly, {@code immediate} as a crash would. */
    void stop(String mode) throws IOException, InterruptedException {
        pg("pg_ctl", "-D", dataDir.toString(), "-m", mode, "-w", "-t", "60", "stop");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop("immediate");
        } catch (IOException e) {
            // Already stopped.
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(binDir.resolve(tool).toString());
        cmd.addAll(Arrays.asList(args));
        run(cmd);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        File out = File.createTempFile("pgcluster", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IOException(cmd + " exited " + p.exitValue() + ": " + Files.readString(out.toPath()));
            }
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
