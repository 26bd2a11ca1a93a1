package io.tickengine.server.ws;

/**
 * Where a message's fields go, so that each message shape is written once ({@link Messages}) and read
 * as a tree ({@link TreeFields}, for deltas and MessagePack) or as JSON text ({@link JsonFields}, for the
 * frames most clients get). Keys are constant names that need no escaping; inside an array the key is
 * null.
 */
interface Fields {
    void number(String key, long value);

    /** An exact decimal from fixed-point units. */
    void price(String key, long units, int scale);

    /** A string, or null. */
    void text(String key, String value);

    /** An ISO-8601 instant, or null when {@code epochMillis} is not positive (the feed did not give it). */
    void time(String key, long epochMillis);

    /** Opens a nested object, closed by {@link #end}. */
    void object(String key);

    /** Opens a nested array, closed by {@link #end}. */
    void array(String key);

    /** Closes the innermost open object or array. */
    void end();
}
