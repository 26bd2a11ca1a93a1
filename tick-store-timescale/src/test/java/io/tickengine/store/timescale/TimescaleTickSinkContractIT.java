package io.tickengine.store.timescale;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.sink.TickSinkContract;
import io.tickengine.core.store.TimeRange;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tick sink contract for the store's writer. */
class TimescaleTickSinkContractIT extends TickSinkContract<TickSink> {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    private TimescaleStore store;

    @Override
    protected TickSink createSink() throws Exception {
        store = TimescaleStore.create(TestStores.options(db, spill).build());
        TestStores.truncate(db);
        return store.tickSink();
    }

    @Override
    protected List<Tick> readBack(TickSink sink) {
        return store.ticks(new TimeRange(0, Long.MAX_VALUE / 2), 100_000);
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
