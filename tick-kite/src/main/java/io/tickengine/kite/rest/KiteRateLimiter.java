package io.tickengine.kite.rest;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code permitsPerSecond} permits refill continuously up to {@code burst}, and each
 * request takes one. Kite limits quote requests per api key (1 per second), so every poller of one key
 * in this process shares the limiter from {@link #forApiKey}. Thread-safe.
 */
public final class KiteRateLimiter {
    /** Kite's limit on quote requests. */
    public static final double QUOTE_REQUESTS_PER_SECOND = 1.0;

    private static final Map<String, KiteRateLimiter> BY_API_KEY = new ConcurrentHashMap<>();
    private static final double NANOS_PER_SECOND = 1e9;

    private final double permitsPerSecond;
    private final double burst;
    private final long nanosPerPermit;
    private final LongSupplier nanoTime;
    private double permits;
    private long refilledAt;

    private KiteRateLimiter(double permitsPerSecond, double burst, LongSupplier nanoTime) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be a positive number, was " + permitsPerSecond);
        }
        if (!(burst >= 1) || Double.isInfinite(burst)) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.nanosPerPermit = (long) Math.ceil(NANOS_PER_SECOND / permitsPerSecond);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.refilledAt = nanoTime.getAsLong();
        this.permits = 1;
    }

    /** A private bucket of {@code permitsPerSecond} with a burst of one request. */
    public static KiteRateLimiter create(double permitsPerSecond) {
        return new KiteRateLimiter(permitsPerSecond, 1, System::nanoTime);
    }

    /** A private bucket with its own burst and time source; tests pass a fake {@code nanoTime}. */
    public static KiteRateLimiter create(double permitsPerSecond, double burst, LongSupplier nanoTime) {
        return new KiteRateLimiter(permitsPerSecond, burst, nanoTime);
    }

    /**
     * The bucket shared by every quote poller of {@code apiKey} in this process, at Kite's
     * {@value #QUOTE_REQUESTS_PER_SECOND} request per second.
     */
    public static KiteRateLimiter forApiKey(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        return BY_API_KEY.computeIfAbsent(apiKey, k -> create(QUOTE_REQUESTS_PER_SECOND));
    }

    /** Permits added per second. */
    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /**
     * Takes a permit if one is there and returns 0; otherwise takes nothing and returns the nanoseconds
     * until one will be.
     */
    public synchronized long tryAcquire() {
        refill();
        if (permits >= 1) {
            permits -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - permits) * nanosPerPermit));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            permits = Math.min(burst, permits + elapsed / (double) nanosPerPermit);
            refilledAt = now;
        }
    }

    @Override
    public String toString() {
        return "KiteRateLimiter{" + permitsPerSecond + "/s, burst " + burst + '}';
    }
}
