package io.tickengine.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * N seed 004 WebSocket clients on plain JDK NIO, a few selector threads for all sockets: RFC 6455
 * handshake and masked client frames, then frames read straight from the socket bytes; a tick's
 * {@code receive_timestamp} is found in its UTF-8 bytes without decoding the message into a string.
 * It measures what {@link JdkClients} measures (server receipt to the client having read the whole
 * frame) at a fraction of the JDK client's cost per message, so the clients do not starve the server
 * of the cores they share.
 */
final class NioClients extends LoadClients {
    private static final byte[] FIELD = "\"receive_timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TICK = "{\"type\":\"tick\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TICKS = "{\"type\":\"ticks\"".getBytes(StandardCharsets.US_ASCII);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final List<Reader> readers = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();

    /** @param selectors reader threads, each with its own selector */
    NioClients(int selectors) throws IOException {
        if (selectors < 1) {
            throw new IllegalArgumentException("selectors must be positive, was " + selectors);
        }
        for (int i = 0; i < selectors; i++) {
            Reader r = new Reader(Selector.open(), "nio-client-" + i);
            readers.add(r);
            r.thread.start();
        }
    }

    @Override
    void open(URI uri, String apiKey, List<List<Long>> subscriptions, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<SocketChannel>> pending = new ArrayList<>();
            for (int i = 0; i < subscriptions.size(); i++) {
                List<Long> tokens = subscriptions.get(i);
                Reader reader = readers.get(i % readers.size());
                pending.add(pool.submit(() -> connect(uri, apiKey, tokens, reader)));
            }
            for (Future<SocketChannel> f : pending) {
                channels.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private SocketChannel connect(URI uri, String apiKey, List<Long> tokens, Reader reader) throws Exception {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        ch.socket().setTcpNoDelay(true);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\nX-API-Key: " + apiKey + "\r\n\r\n";
        writeFully(ch, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        int end;
        while ((end = headerEnd(in)) < 0) {
            if (ch.read(in) < 0) {
                throw new IOException("server closed during the handshake");
            }
        }
        String head = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        if (!head.startsWith("HTTP/1.1 101") || !head.contains(accept)) {
            throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
        }
        in.flip().position(end);
        in.compact();
        String sub = "{\"action\":\"subscribe\",\"tokens\":" + tokens.toString().replace(" ", "") + "}";
        writeFully(ch, frame(1, sub.getBytes(StandardCharsets.UTF_8)));
        ch.configureBlocking(false);
        reader.add(new Conn(ch, in));
        return ch;
    }

    /** Offset just past the blank line ending the HTTP response head, or -1. */
    private static int headerEnd(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** A masked client frame (RFC 6455 5.3) with FIN set. */
    private static ByteBuffer frame(int opcode, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(payload.length + 14);
        b.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            b.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            b.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            b.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.put(mask);
        for (int i = 0; i < payload.length; i++) {
            b.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return b.flip();
    }

    private static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.write(b) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() {
        // Stop each reader first and only then close its selector, so no reader is iterating the
        // selector's keys while another thread closes it.
        for (Reader r : readers) {
            r.thread.interrupt();
            r.selector.wakeup();
        }
        for (Reader r : readers) {
            try {
                r.thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                r.selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (SocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** One client socket: its read buffer, a message being reassembled from fragments, its time cache. */
    private final class Conn {
        final SocketChannel ch;
        ByteBuffer in;
        byte[] fragments = new byte[0];
        boolean fragmented;
        private boolean ended;

        Conn(SocketChannel ch, ByteBuffer in) {
            this.ch = ch;
            this.in = in;
        }

        /**
         * Reads what the socket has and handles every complete frame; false when the connection ended. A
         * read that leaves room in the buffer took all there was, so it reads again only after one that
         * filled it (the selector reports the socket again when more arrives): one read system call per
         * wake-up, not two.
         */
        boolean read() throws IOException {
            while (true) {
                int n = ch.read(in);
                if (n < 0) {
                    end();
                    return false;
                }
                boolean filled = !in.hasRemaining();
                if (n > 0) {
                    parse();
                }
                if (ended) {
                    return false;
                }
                if (!filled) {
                    return true;
                }
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
            }
        }

        /** Counts the connection as lost, once, and closes it. */
        void end() {
            if (!ended) {
                ended = true;
                connectionLost();
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // it is going away anyway
            }
        }

        private void parse() throws IOException {
            in.flip();
            byte[] a = in.array();
            while (in.remaining() >= 2 && !ended) {
                int p = in.position();
                int b0 = a[p] & 0xFF;
                int b1 = a[p + 1] & 0xFF;
                long len = b1 & 0x7F;
                int head = 2;
                if (len == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    len = ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF);
                    head = 4;
                } else if (len == 127) {
                    if (in.remaining() < 10) {
                        break;
                    }
                    len = in.getLong(p + 2);
                    head = 10;
                }
                if (in.remaining() < head + len) {
                    break;
                }
                onFrame(b0, a, p + head, (int) len);
                in.position(p + head + (int) len);
            }
            in.compact();
        }

        private void onFrame(int b0, byte[] a, int from, int len) throws IOException {
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            switch (opcode) {
                case 1, 0 -> {
                    if (!fin || fragmented) {
                        int old = fragments.length;
                        fragments = Arrays.copyOf(fragments, old + len);
                        System.arraycopy(a, from, fragments, old, len);
                        fragmented = !fin;
                        if (fin) {
                            onText(fragments, 0, fragments.length);
                            fragments = new byte[0];
                        }
                    } else {
                        onText(a, from, len);
                    }
                }
                case 8 -> end();
                case 9 -> writeFully(ch, frame(10, Arrays.copyOfRange(a, from, from + len)));
                default -> {
                    // pong or binary: not part of the measurement
                }
            }
        }

        /**
         * Counts every tick of a one-tick or batched frame, each with its own latency. A one-tick frame
         * is searched only up to its stamp, which comes before the order book.
         */
        private void onText(byte[] a, int from, int len) {
            boolean single = startsWith(a, from, len, TICK);
            if (!recording() || !(single || startsWith(a, from, len, TICKS))) {
                return;
            }
            long now = System.currentTimeMillis();
            int end = from + len;
            int n = 0;
            for (int at = indexOf(a, from, len, FIELD); at >= 0; at = indexOf(a, at + 1, end - at - 1, FIELD)) {
                long stamp = stampMillis(a, at + FIELD.length);
                tick(now, stamp);
                n++;
                if (single) {
                    break;
                }
            }
            if (n > 0) {
                frame(n, len);
            }
        }

        /** Epoch millis of an ISO instant such as {@code 2026-11-21T22:30:01.125Z} at {@code i}, read digit by digit. */
        private long stampMillis(byte[] a, int i) {
            long days = epochDay(digits(a, i, 4), digits(a, i + 5, 2), digits(a, i + 8, 2));
            long seconds = days * 86_400 + digits(a, i + 11, 2) * 3600L + digits(a, i + 14, 2) * 60L + digits(a, i + 17, 2);
            int millis = 0;
            if (a[i + 19] == '.') {
                int scale = 100;
                for (int j = i + 20; a[j] >= '0' && a[j] <= '9'; j++) {
                    millis += (a[j] - '0') * scale;
                    scale /= 10;
                }
            }
            return seconds * 1000 + millis;
        }
    }

    private static int digits(byte[] a, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            v = v * 10 + (a[i] - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date with a year from 0 (eras of 400 years). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static boolean startsWith(byte[] a, int from, int len, byte[] prefix) {
        return len >= prefix.length && Arrays.equals(a, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] a, int from, int len, byte[] needle) {
        int last = from + len - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (a[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A selector thread reading its share of the sockets. */
    private final class Reader implements Runnable {
        final Selector selector;
        final Thread thread;
        private final java.util.Queue<Conn> added = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Reader(Selector selector, String name) {
            this.selector = selector;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void add(Conn c) {
            added.add(c);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted() && selector.isOpen()) {
                    for (Conn c; (c = added.poll()) != null; ) {
                        c.ch.register(selector, SelectionKey.OP_READ, c);
                        if (c.in.position() > 0) {
                            c.parse();
                        }
                    }
                    selector.select();
                    for (SelectionKey k : selector.selectedKeys()) {
                        Conn c = (Conn) k.attachment();
                        try {
                            if (!c.read()) {
                                k.cancel();
                            }
                        } catch (IOException e) {
                            k.cancel();
                            c.end();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                // closed by close()
            }
        }
    }
}
