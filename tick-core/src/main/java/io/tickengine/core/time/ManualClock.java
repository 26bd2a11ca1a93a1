package io.tickengine.core.time;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; for tests and replays. Thread-safe. */
public final class ManualClock implements Clock {
    private final AtomicLong now;

    public ManualClock(long startMillis) {
        this.now = new AtomicLong(startMillis);
    }

    @Override
    public long millis() {
        return now.get();
    }

    /** Moves the clock forward (or backward, for tests of clock steps) and returns the new time. */
    public long advance(long deltaMillis) {
        return now.addAndGet(deltaMillis);
    }

    /** Sets the clock to an absolute time. */
    public void set(long millis) {
        now.set(millis);
    }
}
