package io.tickengine.kite.instruments;

import java.util.List;

/**
 * What one load of the instruments master did.
 *
 * @param source where the master came from (URL without credentials, file or resource)
 * @param rows data rows read
 * @param loaded instruments handed to the registry
 * @param badRows rows skipped because a field could not be read
 * @param problems descriptions of the first bad rows
 * @param replaced whether the registry now holds this master; false when no row was good, so the old one stays
 * @param tookMillis how long fetching and parsing took
 */
public record InstrumentLoadReport(String source, int rows, int loaded, int badRows, List<String> problems,
                                   boolean replaced, long tookMillis) {
    public InstrumentLoadReport {
        problems = List.copyOf(problems);
    }
}
