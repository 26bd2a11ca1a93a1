package io.tickengine.server;

import io.tickengine.server.config.ConfigLoader;
import io.tickengine.server.config.InvalidConfigException;
import io.tickengine.server.config.ServerOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar tick-server.jar [--config FILE] [--help]}: reads the configuration, starts the
 * server and stops it cleanly on SIGTERM (or SIGINT). Exit code 2 for a bad or missing setting, 1 when
 * start fails; after a signal 0 once every sink drained and flushed, 1 when the shutdown timeout left
 * something undelivered.
 */
public final class TickServerMain {
    /** Exit code for a configuration problem. */
    public static final int EXIT_CONFIG = 2;
    /** Exit code when the server fails to start for another reason. */
    public static final int EXIT_FAILED = 1;

    /**
     * The outcome of reading the command line and environment: options to run with, or an exit code.
     *
     * @param options the options, or null when the program should exit
     * @param exitCode the exit code when {@code options} is null
     */
    public record Launch(ServerOptions options, int exitCode) {
    }

    /**
     * The outcome of starting: a running server, or the exit code after one line on standard error.
     *
     * @param server the started server, or null when the program should exit
     * @param exitCode the exit code when {@code server} is null
     */
    public record Started(TickServer server, int exitCode) {
    }

    private TickServerMain() {
    }

    public static void main(String[] args) {
        Started started = start(args, System.getenv(), System.out, System.err);
        if (started.server() == null) {
            System.exit(started.exitCode());
            return;
        }
        TickServer server = started.server();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = false;
            try {
                clean = server.stop();
            } catch (RuntimeException e) {
                System.err.println("tick-server: stopping failed: " + e);
            }
            stopped.countDown();
            // The JVM would end with 128 + the signal's number; a stop that lost nothing is a success.
            // Halting here cuts short only hooks still running, and the server's own are done by now.
            Runtime.getRuntime().halt(clean ? 0 : EXIT_FAILED);
        }, "tick-server-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads arguments and environment and starts the server; prints help, or one line naming the setting
     * for a configuration problem (exit code 2, also for a value found bad only when starting, such as an
     * unreadable {@code KITE_INSTRUMENTS} or a {@code PORT} in use) or any other failure to start (1).
     * Testable without exiting.
     */
    public static Started start(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Launch launch = parse(args, env, out, err);
        if (launch.options() == null) {
            return new Started(null, launch.exitCode());
        }
        try {
            return new Started(TickServer.create(launch.options()).start(), 0);
        } catch (InvalidConfigException e) {
            err.println("tick-server: " + oneLine(e.getMessage()));
            return new Started(null, EXIT_CONFIG);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
            err.println("tick-server: failed to start: " + why);
            return new Started(null, EXIT_FAILED);
        }
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Reads arguments and environment; prints help or the configuration error. Testable without exiting. */
    public static Launch parse(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    help(out);
                    return new Launch(null, 0);
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        err.println("tick-server: --config needs a file");
                        return new Launch(null, EXIT_CONFIG);
                    }
                    config = Path.of(args[++i]);
                }
                default -> {
                    err.println("tick-server: unknown argument '" + args[i] + "' (see --help)");
                    return new Launch(null, EXIT_CONFIG);
                }
            }
        }
        try {
            return new Launch(ConfigLoader.load(env, config), 0);
        } catch (InvalidConfigException e) {
            err.println("tick-server: " + oneLine(e.getMessage()));
            return new Launch(null, EXIT_CONFIG);
        }
    }

    private static void help(PrintStream out) {
        out.println("Usage: java -jar tick-server.jar [--config FILE.yaml] [--help]");
        out.println();
        out.println("Without configuration it runs in demo mode: the Kite simulator on loopback (FEED=angelone: the");
        out.println("Angel One simulator; FEED=both: both), SQLite under ./data, port 8080, authentication off.");
        out.println("Authentication may be off only in demo mode; live feeds and FEED=none need JWT or API keys.");
        out.println("Settings come from the YAML file (same names, any case, nested maps joined by '_', kite.accounts");
        out.println("for several accounts) and environment variables (which win). Secrets are never printed:");
        out.println();
        ConfigLoader.SETTINGS.forEach((k, v) -> out.printf("  %-28s %s%n", k, v));
    }
}
