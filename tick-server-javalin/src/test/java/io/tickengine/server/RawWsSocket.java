package io.tickengine.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a plain TCP socket with a tiny receive buffer, for tests of truly slow readers:
 * after the handshake it reads nothing until asked, so the server's writes back up in the kernel.
 */
final class RawWsSocket implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawWsSocket(int port, String path, String origin) throws IOException {
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        String key = Base64.getEncoder().encodeToString("tickengine-test!".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Origin: " + origin + "\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = headers(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
    }

    /** Sends one masked text frame (payload under 126 bytes). */
    void sendText(String text) throws IOException {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        if (p.length >= 126) {
            throw new IllegalArgumentException("short messages only");
        }
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        f.write(0x80 | p.length);
        f.write(mask);
        for (int i = 0; i < p.length; i++) {
            f.write(p[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * Reads frames until a close frame and returns its code and reason as {@code "code reason"}, or
     * {@code "eof"} when the connection ends without one.
     */
    String readUntilClose() throws IOException {
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return "eof";
                }
                long len = in.readUnsignedByte() & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                if ((b0 & 0x0F) == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    return code + " " + new String(payload, 2, Math.max(0, payload.length - 2), StandardCharsets.UTF_8);
                }
            }
        } catch (SocketTimeoutException | java.io.EOFException e) {
            return "eof";
        } catch (IOException e) {
            return "eof " + e.getMessage();
        }
    }

    private static String headers(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            all.append((char) c);
            if (all.length() >= 4 && all.substring(all.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
