package io.tickengine.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Per-client WebSocket limits and buffers; every limit answers with a clear error and is counted.
 *
 * @param maxConnectionsPerIp open connections one IP address may hold
 * @param maxSubscriptionsPerConnection instruments one connection may subscribe to
 * @param maxSubscribesPerSecond subscribe/unsubscribe messages one connection may send per second
 * @param maxMessageBytes largest client message accepted
 * @param allowedOrigins origins allowed to connect; empty allows any
 * @param outboundQueue messages buffered per connection before it is conflated to the latest tick per instrument
 * @param slowClientTimeout how long a connection may stay conflated before it is closed with 1013
 * @param resumeWindow how far back a client may resume from its last sequence
 * @param resumeMaxBytes the heap the ticks kept for resuming may hold (estimated); at high tick rates it,
 *     not the window, bounds how far back a client may resume
 */
public record WsLimits(int maxConnectionsPerIp, int maxSubscriptionsPerConnection, int maxSubscribesPerSecond,
                       int maxMessageBytes, List<String> allowedOrigins, int outboundQueue,
                       Duration slowClientTimeout, Duration resumeWindow, long resumeMaxBytes) {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 100;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 3000;
    public static final int DEFAULT_MAX_SUBSCRIBES_PER_SECOND = 20;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_OUTBOUND_QUEUE = 1024;
    public static final Duration DEFAULT_SLOW_CLIENT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESUME_WINDOW = Duration.ofMinutes(5);
    /** 128 MiB: about a million full-mode ticks (5 minutes up to about 3,400 ticks/s, about 170 s at 6,000). */
    public static final long DEFAULT_RESUME_MAX_BYTES = 128L << 20;

    public WsLimits {
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        Objects.requireNonNull(slowClientTimeout, "slowClientTimeout");
        Objects.requireNonNull(resumeWindow, "resumeWindow");
        positive("maxConnectionsPerIp", maxConnectionsPerIp);
        positive("maxSubscriptionsPerConnection", maxSubscriptionsPerConnection);
        positive("maxSubscribesPerSecond", maxSubscribesPerSecond);
        positive("maxMessageBytes", maxMessageBytes);
        positive("outboundQueue", outboundQueue);
        positive("resumeMaxBytes", resumeMaxBytes);
        if (slowClientTimeout.isNegative() || slowClientTimeout.isZero()) {
            throw new IllegalArgumentException("slowClientTimeout must be positive, was " + slowClientTimeout);
        }
        if (resumeWindow.isNegative()) {
            throw new IllegalArgumentException("resumeWindow must not be negative, was " + resumeWindow);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** The defaults. */
    public static WsLimits defaults() {
        return new WsLimits(DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_MAX_SUBSCRIBES_PER_SECOND,
                DEFAULT_MAX_MESSAGE_BYTES, List.of(), DEFAULT_OUTBOUND_QUEUE, DEFAULT_SLOW_CLIENT_TIMEOUT,
                DEFAULT_RESUME_WINDOW, DEFAULT_RESUME_MAX_BYTES);
    }
}
