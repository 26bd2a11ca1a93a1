package io.tickengine.store.sqlite;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.sink.TickSinkContract;
import io.tickengine.core.store.TimeRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteTickSinkContractTest extends TickSinkContract<TickSink> {
    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected TickSink createSink() {
        store = SqliteStore.open(dir.resolve("sink.db"));
        return store.tickSink();
    }

    @Override
    protected List<Tick> readBack(TickSink sink) {
        return store.ticks().ticks(new TimeRange(0, Long.MAX_VALUE), 100_000);
    }

    @Override
    protected boolean keepsEveryTick() {
        return true;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
