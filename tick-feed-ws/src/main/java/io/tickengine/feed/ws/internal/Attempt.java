package io.tickengine.feed.ws.internal;

import io.tickengine.feed.ws.FeedProtocol;
import io.tickengine.feed.ws.FrameHandler;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection attempt: its socket, its own frame handler and its liveness clock. Frames go straight to
 * the handler on the read thread; every other event is posted to the loop's control thread.
 */
final class Attempt implements FeedSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    final FeedSocket socket;
    private final ConnectionLoop<?> loop;
    private final FrameHandler frames;
    /** Last sign of life, System.nanoTime(); read by the watchdog. */
    volatile long lastActivityNanos = System.nanoTime();
    /** Whether the handshake succeeded; control thread only. */
    boolean open;

    Attempt(ConnectionLoop<?> loop, FeedProtocol<?> protocol, FrameHandler frames) {
        this.loop = loop;
        this.frames = frames;
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, protocol.settings().watchdogTimeout().toMillis());
        this.socket = FeedSocket.create(protocol.uri(), protocol.headers(), connectTimeout, this);
    }

    @Override
    public void opened(FeedSocket s) {
        lastActivityNanos = System.nanoTime();
        loop.post(() -> loop.opened(this));
    }

    @Override
    public void binary(FeedSocket s, ByteBuffer frame) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.binary(frame);
        }
    }

    @Override
    public void text(FeedSocket s, String text) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.text(text);
        }
    }

    @Override
    public void pong(FeedSocket s) {
        lastActivityNanos = System.nanoTime();
        if (loop.isCurrent(this)) {
            frames.pong();
        }
    }

    @Override
    public void closed(FeedSocket s, int code, String reason, boolean remote) {
        loop.post(() -> loop.ended(this, code, reason));
    }

    @Override
    public void failed(FeedSocket s, Exception error) {
        LOG.debug("{}: socket error: {}", loop.name(), loop.redact(String.valueOf(error)));
    }
}
