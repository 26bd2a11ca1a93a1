package io.tickengine.feed.ws.sim;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulator's streaming round as a task for a scheduled executor: it never lets an exception escape
 * (which would cancel the schedule); the first failure is logged, later ones are only counted.
 */
public final class SimRound implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SimRound.class);

    private final Runnable round;
    private final AtomicLong errors = new AtomicLong();

    /** Guards {@code round}. */
    public SimRound(Runnable round) {
        this.round = Objects.requireNonNull(round, "round");
    }

    @Override
    public void run() {
        try {
            round.run();
        } catch (RuntimeException e) {
            if (errors.getAndIncrement() == 0) {
                LOG.error("Simulator streaming failed (logged once; it goes on)", e);
            }
        }
    }
}
