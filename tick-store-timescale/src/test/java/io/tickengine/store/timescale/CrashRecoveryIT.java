package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Tick;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.timescale.internal.SpillLog;
import io.tickengine.testkit.PostgresDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A store abandoned as a killed process would leave it; the next store on the same spill directory replays. */
class CrashRecoveryIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @BeforeEach
    void emptyTables() throws Exception {
        TimescaleStore.create(TestStores.options(db, spill).build()).close();
        TestStores.truncate(db);
    }

    @Test
    void shouldReplayWhatWasSpilledWhileTheDatabaseWasDown() throws Exception {
        TimescaleStore down = TimescaleStore.create(TestStores.options(deadUrl(), spill).migrateOnStart(false)
                .build());
        send(down, 1, 5_000);
        assertThat(down.flush()).as("nothing reached the database").isFalse();
        assertThat(down.health().spillBacklog()).isEqualTo(5_000);
        assertThat(down.health().memoryBacklog()).isZero();
        down.simulateCrash();

        try (TimescaleStore up = TimescaleStore.create(TestStores.options(db, spill).build())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> up.health().backlog() == 0);
            assertStored(up, 1, 5_000);
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void shouldLoseNoMoreThanTheMemoryWindowWhenKilled() throws Exception {
        TimescaleStoreOptions slow = TestStores.options(db, spill).flushRows(1_000).memoryBufferRows(1_000)
                .flushInterval(Duration.ofHours(1)).build();
        try (TimescaleStore first = TimescaleStore.create(slow)) {
            send(first, 1, 500);
            assertThat(first.flush()).isTrue();
        }
        TimescaleStore crashing = TimescaleStore.create(slow);
        send(crashing, 501, 999);
        long window = crashing.health().memoryBacklog();
        crashing.simulateCrash();

        try (TimescaleStore next = TimescaleStore.create(TestStores.options(db, spill).build())) {
            assertThat(next.health().backlog()).isZero();
            assertStored(next, 1, 500);
            assertThat(window).as("lost: what memory held, never more than memoryBufferRows").isEqualTo(999)
                    .isLessThanOrEqualTo(slow.memoryBufferRows());
        }
    }

    @Test
    void shouldNotDuplicateTicksThatWereWrittenBeforeTheCrashAndTruncateATornTail() throws Exception {
        try (TimescaleStore first = TimescaleStore.create(TestStores.options(db, spill).build())) {
            send(first, 1, 100);
            assertThat(first.flush()).isTrue();
        }
        // As if the process died after the commit but before it deleted the spilled copy, mid-append.
        try (SpillLog log = SpillLog.open(spill, 1L << 30)) {
            log.append(ticks(1, 150), 0);
        }
        Files.write(segments().get(0), new byte[]{0, 0, 2, 0, 1, 2, 3}, StandardOpenOption.APPEND);

        try (TimescaleStore next = TimescaleStore.create(TestStores.options(db, spill).build())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> next.health().backlog() == 0);
            assertStored(next, 1, 150);
        }
    }

    private static void send(TimescaleStore store, long from, int n) throws Exception {
        List<Tick> batch = ticks(from, n);
        for (int i = 0; i < n; i += 100) {
            store.tickSink().onBatch(batch.subList(i, Math.min(n, i + 100)));
        }
    }

    private static List<Tick> ticks(long from, int n) {
        return LongStream.range(from, from + n).mapToObj(TickProducer::tick).collect(Collectors.toList());
    }

    private static void assertStored(TimescaleStore store, long from, int n) {
        List<Tick> back = store.ticks(new TimeRange(0, Long.MAX_VALUE), n + 10);
        assertThat(back).extracting(Tick::ingestSequence)
                .containsExactlyElementsOf(LongStream.range(from, from + n).boxed().collect(Collectors.toList()));
        assertThat(back).containsExactlyElementsOf(ticks(from, n));
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(spill)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "jdbc:postgresql://127.0.0.1:" + s.getLocalPort() + "/nowhere?user=postgres";
        }
    }
}
