package io.tickengine.angelone.instruments;

/**
 * What loading a scrip master did.
 *
 * @param source where it came from
 * @param rows rows read
 * @param matched rows whose exchange and symbol were already in the registry (their id is kept)
 * @param added rows added to the registry under a synthetic id
 * @param skipped rows skipped: an exchange Angel One streams under no known type, or a missing field
 * @param tookMillis how long reading took
 */
public record ScripMasterReport(String source, int rows, int matched, int added, int skipped, long tookMillis) {
}
