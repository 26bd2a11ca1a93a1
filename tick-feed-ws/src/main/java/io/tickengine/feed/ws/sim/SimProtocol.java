package io.tickengine.feed.ws.sim;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * What a feed's simulator adds to {@link SimSocketServer}: how it checks a handshake, what a session
 * holds and how it answers client messages. Called on the server's threads; must not throw.
 *
 * @param <S> the feed's session type
 */
public interface SimProtocol<S extends SimPeer> {
    /** Why a handshake is refused (bad credentials), or null to accept it. */
    HandshakeRejection check(ClientHandshake request);

    /** The key (api key, client code) an accepted handshake counts against. */
    String key(ClientHandshake request);

    /** The refusal of a handshake beyond {@code max} open connections for its key. */
    HandshakeRejection tooManyConnections(int max);

    /** A new session for an opened connection. */
    S open(SimLink link);

    /** A text message from the client of {@code session}. */
    void text(S session, String message);

    /** A binary message from a client; feeds answer it with an error. */
    void binary(WebSocket conn, ByteBuffer message);
}
