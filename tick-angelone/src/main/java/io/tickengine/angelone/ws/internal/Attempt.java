package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOnePacketParser;
import io.tickengine.angelone.ws.AngelOneOptions;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection attempt: its socket, its own parser and its liveness clock. Frames go straight to the
 * delivery on the read thread; every other event is posted to the loop's control thread.
 */
final class Attempt implements AngelOneSocket.Handler {
    private static final String BEARER = "Bearer ";

    final AngelOneSocket socket;
    private final ConnectionLoop loop;
    private final AngelOnePacketParser parser;
    private final FrameDelivery frames;
    /** Last sign of life, System.nanoTime(); read by the watchdog. */
    volatile long lastActivityNanos = System.nanoTime();
    /** Whether the handshake succeeded; control thread only. */
    boolean open;

    Attempt(ConnectionLoop loop, AngelOneOptions options, FrameDelivery frames) {
        this.loop = loop;
        this.parser = new AngelOnePacketParser(options.parserOptions());
        this.frames = frames;
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, options.watchdogTimeout().toMillis());
        this.socket = AngelOneSocket.create(options.url(), headers(options), connectTimeout, this);
    }

    /** The four handshake headers Angel One checks. */
    static Map<String, String> headers(AngelOneOptions options) {
        Map<String, String> h = new LinkedHashMap<>();
        String jwt = options.jwt().strip();
        h.put("Authorization", jwt.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? jwt : BEARER + jwt);
        h.put("x-api-key", options.apiKey());
        h.put("x-client-code", options.clientCode());
        h.put("x-feed-token", options.feedToken());
        return h;
    }

    @Override
    public void opened(AngelOneSocket s) {
        lastActivityNanos = System.nanoTime();
        loop.post(() -> loop.opened(this));
    }

    @Override
    public void binary(AngelOneSocket s, ByteBuffer frame) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.binary(parser, frame);
        }
    }

    @Override
    public void text(AngelOneSocket s, String text) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.text(text);
        }
    }

    @Override
    public void pong(AngelOneSocket s) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.pong();
        }
    }

    @Override
    public void closed(AngelOneSocket s, int code, String reason) {
        loop.post(() -> loop.ended(this, code, reason));
    }
}
