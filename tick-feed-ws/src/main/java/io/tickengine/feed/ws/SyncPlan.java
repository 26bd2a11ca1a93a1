package io.tickengine.feed.ws;

import java.util.List;

/**
 * The text messages that take the server from the applied subscriptions to the desired ones, and a short
 * summary of them for the log.
 *
 * @param messages the messages to send, in order; empty when nothing changes
 * @param summary what they do, for a log line
 */
public record SyncPlan(List<String> messages, String summary) {
    /** Keeps an unmodifiable copy of the messages. */
    public SyncPlan {
        messages = List.copyOf(messages);
    }
}
