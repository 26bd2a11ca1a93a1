package io.tickengine.store.timescale;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of PostgreSQL that can lose a commit acknowledgement: once armed, it
 * forwards the next bare {@code COMMIT} to the server, drops the server's answer, cuts every connection
 * and refuses new ones until told otherwise.
 */
final class CuttingProxy implements AutoCloseable {
    private static final byte[] COMMIT = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean dropAnswer;
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean open = true;

    CuttingProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Loses the answer to the next COMMIT and refuses connections from then on. */
    void cutAfterNextCommit() {
        armed.set(true);
    }

    void refuse(boolean refuse) {
        refusing = refuse;
    }

    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // Closed, or the upstream refused: the client sees a dropped connection.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 << 10];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (!toServer && dropAnswer) {
                        // The server answered the COMMIT, so it committed; the client never hears of it.
                        dropAnswer = false;
                        refusing = true;
                        cuts.incrementAndGet();
                        cutAll();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    if (toServer && contains(buf, n) && armed.compareAndSet(true, false)) {
                        dropAnswer = true;
                    }
                }
            } catch (IOException e) {
                // One side closed; the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static boolean contains(byte[] buf, int n) {
        outer:
        for (int i = 0; i + COMMIT.length <= n; i++) {
            for (int j = 0; j < COMMIT.length; j++) {
                if (buf[i + j] != COMMIT[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        cutAll();
    }
}
