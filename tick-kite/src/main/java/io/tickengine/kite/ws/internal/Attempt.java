package io.tickengine.kite.ws.internal;

import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.ws.KiteOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection attempt: its socket, its own parser and its liveness clock. Frames go straight to the
 * delivery on the read thread; every other event is posted to the loop's control thread.
 */
final class Attempt implements KiteSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    final KiteSocket socket;
    private final ConnectionLoop loop;
    private final KiteFrameParser parser;
    private final FrameDelivery frames;
    /** Last sign of life, System.nanoTime(); read by the watchdog. */
    volatile long lastActivityNanos = System.nanoTime();
    /** Whether the handshake succeeded; control thread only. */
    boolean open;

    Attempt(ConnectionLoop loop, URI uri, KiteOptions options, FrameDelivery frames) {
        this.loop = loop;
        this.parser = new KiteFrameParser(options.parserOptions());
        this.frames = frames;
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, options.watchdogTimeout().toMillis());
        this.socket = KiteSocket.create(uri, Map.of("X-Kite-Version", "3"), connectTimeout, this);
    }

    @Override
    public void opened(KiteSocket s) {
        lastActivityNanos = System.nanoTime();
        loop.post(() -> loop.opened(this));
    }

    @Override
    public void binary(KiteSocket s, ByteBuffer frame) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.binary(parser, frame);
        }
    }

    @Override
    public void text(KiteSocket s, String text) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.text(text);
        }
    }

    @Override
    public void closed(KiteSocket s, int code, String reason, boolean remote) {
        loop.post(() -> loop.ended(this, code, reason));
    }

    @Override
    public void failed(KiteSocket s, Exception error) {
        LOG.debug("{}: socket error: {}", loop.name(), loop.redact(String.valueOf(error)));
    }
}
