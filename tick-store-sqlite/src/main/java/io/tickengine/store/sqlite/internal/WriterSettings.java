package io.tickengine.store.sqlite.internal;

import io.tickengine.core.time.Clock;
import java.util.concurrent.locks.Lock;

/**
 * What both writers of one file share: batch limits, the clock, the checkpoint timer, and the lock
 * that lets one writer's transaction wait for the other's in this process. Without it the waiter
 * learns of the release only by SQLite's busy handler, which sleeps between polls (measured in
 * SqliteStoreBenchmark).
 */
record WriterSettings(int maxRows, long flushMillis, Clock clock, Checkpointer checkpointer, Lock writeLock) {
}
