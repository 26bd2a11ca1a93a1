package io.tickengine.feed.ws.testing;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.TickSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of a feed's source tests: a simulator and a source under test, a recorder they deliver into,
 * a wait for the source's state, and both closed after each test. A feed's fixture makes the simulator
 * and the options.
 *
 * @param <M> the simulator
 * @param <S> the source
 */
public abstract class FeedFixture<M extends AutoCloseable, S extends TickSource> {
    /** The simulator of the test, once made. */
    protected M sim;
    /** The source under test, once started. */
    protected S source;
    /** Records everything the source delivers. */
    protected final RecordingListener listener = new RecordingListener();

    /** Starts {@code created} into {@link #listener} and keeps it as the source to close. */
    protected S start(S created) {
        source = created;
        source.start(listener);
        return source;
    }

    /** Waits until the source is in {@code state}. */
    protected void awaitState(SourceState state) {
        await("state " + state).untilAsserted(() -> assertThat(source.status().state()).as(source.status().toString())
                .isEqualTo(state));
    }

    /** Closes the source, then the simulator. */
    @AfterEach
    protected void closeAll() throws Exception {
        if (source != null) {
            source.close();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
