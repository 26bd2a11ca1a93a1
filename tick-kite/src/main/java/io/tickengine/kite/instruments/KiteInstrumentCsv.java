package io.tickengine.kite.instruments;

import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads Kite's instruments master CSV (header row, CRLF lines, quoted fields) into {@link Instrument}s.
 * Columns are found by header name, numbers are exact decimals, and a row that cannot be read is
 * counted and described, never fatal. Stateless and thread-safe.
 */
public final class KiteInstrumentCsv {
    /** The columns of the dump, in Kite's order. */
    public static final List<String> COLUMNS = List.of("instrument_token", "exchange_token", "tradingsymbol", "name",
            "last_price", "expiry", "strike", "tick_size", "lot_size", "instrument_type", "segment", "exchange");
    /** How many bad rows are described in a result; the rest are only counted. */
    public static final int MAX_PROBLEMS = 10;

    private static final long MAX_TOKEN = 0xFFFF_FFFFL;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();

    /**
     * The instruments of one read, with the rows that could not be read counted and the first
     * {@value #MAX_PROBLEMS} of them described (line number and reason).
     *
     * @param instruments the good rows, in file order
     * @param rows data rows seen (header excluded)
     * @param badRows rows skipped because a field could not be read
     * @param problems descriptions of the first bad rows
     */
    public record Result(List<Instrument> instruments, int rows, int badRows, List<String> problems) {
        public Result {
            instruments = List.copyOf(instruments);
            problems = List.copyOf(problems);
        }
    }

    private KiteInstrumentCsv() {
    }

    /**
     * Reads a whole dump; the reader is not closed.
     *
     * @throws InvalidInstrumentFileException when the header lacks a column, since then no row can be read
     * @throws UncheckedIOException when reading fails
     */
    public static Result read(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        List<Instrument> good = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int rows = 0;
        int bad = 0;
        try {
            CSVParser parser = FORMAT.parse(reader);
            List<String> header = parser.getHeaderNames().stream().map(KiteInstrumentCsv::clean).toList();
            int[] column = columns(header);
            try {
                for (CSVRecord record : parser) {
                    rows++;
                    try {
                        good.add(row(record, column));
                    } catch (RuntimeException e) {
                        bad++;
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add("row " + record.getRecordNumber() + " (line "
                                    + parser.getCurrentLineNumber() + "): " + e.getMessage());
                        }
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // A damaged quote runs to the end of the input: what was read before it stays good.
                rows++;
                bad++;
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add("after row " + (rows - 1) + ": unreadable CSV, the rest was skipped: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the instruments CSV", e);
        }
        return new Result(good, rows, bad, problems);
    }

    private static int[] columns(List<String> header) {
        int[] index = new int[COLUMNS.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = header.indexOf(COLUMNS.get(c));
            if (index[c] < 0) {
                throw new InvalidInstrumentFileException("instruments CSV has no column '" + COLUMNS.get(c)
                        + "'; its header is " + header);
            }
        }
        return index;
    }

    private static Instrument row(CSVRecord r, int[] c) {
        long token = longValue(field(r, c, 0), "instrument_token");
        if (token <= 0 || token > MAX_TOKEN) {
            throw new IllegalArgumentException("instrument_token must be 1.." + MAX_TOKEN + ", was " + token);
        }
        String symbol = field(r, c, 2);
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("tradingsymbol is empty");
        }
        String name = field(r, c, 3);
        String expiry = field(r, c, 5);
        String lotSize = field(r, c, 8);
        return new Instrument(token, longValue(field(r, c, 1), "exchange_token"), symbol,
                name.isEmpty() ? null : name, decimal(field(r, c, 4), "last_price"),
                expiry.isEmpty() ? null : date(expiry), decimal(field(r, c, 6), "strike"),
                decimal(field(r, c, 7), "tick_size"), lotSize.isEmpty() ? 0 : (int) longValue(lotSize, "lot_size"),
                required(field(r, c, 9), "instrument_type"), required(field(r, c, 10), "segment"),
                Exchange.of(required(field(r, c, 11), "exchange")));
    }

    private static String field(CSVRecord r, int[] c, int column) {
        int at = c[column];
        if (at >= r.size()) {
            throw new IllegalArgumentException("has " + r.size() + " fields, no " + COLUMNS.get(column));
        }
        return r.get(at);
    }

    private static String required(String value, String column) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value;
    }

    private static long longValue(String value, String column) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a whole number: '" + value + "'");
        }
    }

    private static BigDecimal decimal(String value, String column) {
        if (value.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a decimal: '" + value + "'");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiry is not yyyy-mm-dd: '" + value + "'");
        }
    }

    /** A header name without a byte order mark and blanks. */
    private static String clean(String name) {
        return name == null ? "" : name.replace("\uFEFF", "").strip();
    }
}
