package io.tickengine.angelone.sim.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneRequest;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.angelone.parse.MalformedRequestException;
import io.tickengine.feed.ws.sim.HandshakeRejection;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimProtocol;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * Angel One's side of the simulator's WebSocket server: checks the four headers at the handshake (HTTP
 * 401 with {@code x-error-message} when wrong), HTTP 429 beyond the connections per client code (Angel
 * One's answer is unverified), answers {@code ping} with {@code pong} and applies subscribe requests,
 * answering E1001 for invalid ones and E1002 beyond the token limits.
 */
public final class AngelOneSimProtocol implements SimProtocol<SimSession> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_HEADER = "x-error-message";

    private final SimCredentials credentials;
    private final int maxTokens;
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicReference<String> forcedAuthError = new AtomicReference<>();

    /** The protocol accepting {@code credentials}, at most {@code maxTokens} per connection. */
    public AngelOneSimProtocol(SimCredentials credentials, int maxTokens) {
        this.credentials = credentials;
        this.maxTokens = maxTokens;
    }

    /** Text pings received. */
    public int pings() {
        return pings.get();
    }

    /** Refuses every later handshake with 401 and {@code errorMessage}; null accepts good credentials again. */
    public void forceAuthError(String errorMessage) {
        forcedAuthError.set(errorMessage);
    }

    @Override
    public HandshakeRejection check(ClientHandshake request) {
        String error = forcedAuthError.get();
        if (error == null) {
            error = credentials.check(request.getFieldValue("Authorization"), request.getFieldValue("x-api-key"),
                    request.getFieldValue("x-client-code"), request.getFieldValue("x-feed-token"));
        }
        return error == null ? null : refusal(401, "Unauthorized", error);
    }

    @Override
    public String key(ClientHandshake request) {
        return request.getFieldValue("x-client-code");
    }

    @Override
    public HandshakeRejection tooManyConnections(int max) {
        return refusal(429, "Too Many Requests", "Connection limit exceeded");
    }

    private static HandshakeRejection refusal(int status, String reasonPhrase, String errorMessage) {
        return new HandshakeRejection(status, reasonPhrase, errorMessage, Map.of(ERROR_HEADER, errorMessage),
                errorMessage);
    }

    @Override
    public SimSession open(SimLink link) {
        return new SimSession(link);
    }

    @Override
    public void text(SimSession session, String message) {
        WebSocket conn = session.connection();
        if (session.link().stalled()) {
            return;
        }
        if ("ping".equals(message)) {
            pings.incrementAndGet();
            SimLink.send(conn, "pong");
            return;
        }
        AngelOneRequest r;
        try {
            r = AngelOneRequest.parse(message);
        } catch (MalformedRequestException e) {
            sendError(conn, "", "E1001", "Invalid Request Payload.");
            return;
        }
        if (r.action() == AngelOneRequest.Action.UNSUBSCRIBE) {
            session.unsubscribe(r.tokens(), r.mode());
            return;
        }
        if (r.mode() == AngelOneMode.DEPTH_20 && (r.tokens().size() != 1 || !r.tokens().containsKey(ExchangeType.NSE_CM))) {
            sendError(conn, r.correlationId(), "E1001", "Invalid Request Payload.");
            return;
        }
        int[] sizes = session.sizesAfter(r.tokens(), r.mode());
        if (sizes[0] > maxTokens || sizes[1] > 50) {
            sendError(conn, r.correlationId(), "E1002", "Invalid Request. Subscription Limit Exceeded.");
            return;
        }
        session.subscribe(r.tokens(), r.mode());
    }

    @Override
    public void binary(WebSocket conn, ByteBuffer message) {
        sendError(conn, "", "E1001", "Invalid Request Payload.");
    }

    private static void sendError(WebSocket conn, String correlationId, String code, String message) {
        SimLink.send(conn, JSON.createObjectNode().put("correlationID", correlationId).put("errorCode", code)
                .put("errorMessage", message).toString());
    }
}
