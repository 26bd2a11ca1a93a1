package io.tickengine.kite.sim;

/**
 * One REST request the simulator answered, for tests that check batching and rate limits.
 *
 * @param path the path without query, for example {@code /quote/ltp}
 * @param instruments how many {@code i} parameters it carried
 * @param status the HTTP status answered
 * @param gzip whether the body went out gzip-encoded (the client asked for it)
 * @param atNanos when it arrived, {@link System#nanoTime()}
 */
public record RestCall(String path, int instruments, int status, boolean gzip, long atNanos) {
}
