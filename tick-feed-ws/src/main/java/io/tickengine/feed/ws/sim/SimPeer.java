package io.tickengine.feed.ws.sim;

/** A simulator session as the shared server sees it: anything that carries a {@link SimLink}. */
public interface SimPeer {
    /** The shared part of the session: socket, key, stall flag. */
    SimLink link();
}
