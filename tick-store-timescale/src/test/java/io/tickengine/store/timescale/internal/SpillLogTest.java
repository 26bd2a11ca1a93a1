package io.tickengine.store.timescale.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.Tick;
import io.tickengine.store.timescale.SpillFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillLogTest {
    private static final long CAP = 8L << 20;

    @TempDir
    Path dir;

    @Test
    void shouldReadBackInOrderAndDeleteWhatIsCommitted() throws IOException {
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            log.append(ticks(0, 5), 0);
            log.append(List.of(SampleRecords.candle(1)), 5);

            SpillLog.Chunk first = log.read(4);
            assertThat(sequences(first.records())).containsExactly(0L, 1L, 2L, 3L);
            assertThat(first.firstOrdinal()).isZero();
            log.commit(first);
            SpillLog.Chunk rest = log.read(100);
            assertThat(rest.records()).hasSize(2).last().isEqualTo(SampleRecords.candle(1));
            assertThat(rest.firstOrdinal()).isEqualTo(4);
            log.commit(rest);

            assertThat(log.isEmpty()).isTrue();
            assertThat(log.unreadRecords()).isZero();
            assertThat(log.bytes()).isZero();
            assertThat(segmentFiles()).isEmpty();
        }
    }

    @Test
    void shouldKeepUnreadRecordsAndOrdinalsAcrossReopening() throws IOException {
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            log.append(ticks(0, 3), 40);
            log.append(ticks(3, 2), 43);
        }
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            assertThat(log.nextOrdinal()).isEqualTo(45);
            assertThat(log.unreadRecords()).isEqualTo(5);
            assertThat(sequences(log.read(100).records())).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void shouldReadPrependedOlderRecordsFirst() throws IOException {
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            log.append(ticks(10, 2), 10);
            log.prepend(ticks(5, 5), 5);
            log.append(ticks(12, 1), 12);

            List<Long> seen = new ArrayList<>();
            for (SpillLog.Chunk c = log.read(3); c != null; c = log.read(3)) {
                seen.addAll(sequences(c.records()));
                log.commit(c);
            }
            assertThat(seen).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        }
    }

    @Test
    void shouldTruncateATornTailAndACorruptRecord() throws IOException {
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            log.append(ticks(0, 3), 0);
        }
        Path segment = segmentFiles().get(0);
        long intact = Files.size(segment);
        Files.write(segment, new byte[]{0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

        try (SpillLog log = SpillLog.open(dir, CAP)) {
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(sequences(log.read(10).records())).containsExactly(0L, 1L, 2L);
        }

        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x5A;
        Files.write(segment, bytes);
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            assertThat(sequences(log.read(10).records())).containsExactly(0L, 1L);
            assertThat(log.nextOrdinal()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseAWholeBatchPastTheCap() throws IOException {
        try (SpillLog log = SpillLog.open(dir, 1L << 20)) {
            List<Object> batch = ticks(0, 500);
            assertThatThrownBy(() -> {
                for (long o = 0; ; o += batch.size()) {
                    log.append(batch, o);
                }
            }).isInstanceOf(SpillFullException.class).hasMessageContaining("cap");
            assertThat(log.bytes()).isLessThanOrEqualTo(1L << 20);
            assertThat(log.unreadRecords() % batch.size()).isZero();
        }
    }

    @Test
    void shouldLetOnlyOneStoreUseADirectory() throws IOException {
        try (SpillLog log = SpillLog.open(dir, CAP)) {
            assertThatThrownBy(() -> SpillLog.open(dir, CAP)).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("timescale.spillDirectory");
        }
        SpillLog.open(dir, CAP).close();
    }

    static List<Object> ticks(long fromSequence, int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SampleRecords.fullTick(fromSequence + i));
        }
        return out;
    }

    private static List<Long> sequences(List<Object> records) {
        return records.stream().map(r -> ((Tick) r).ingestSequence()).collect(Collectors.toList());
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().collect(Collectors.toList());
        }
    }
}
