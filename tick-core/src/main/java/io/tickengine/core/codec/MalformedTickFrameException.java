package io.tickengine.core.codec;

import io.tickengine.core.TickException;

/** Thrown when bytes are not a {@link TickCodec} frame this version understands. */
public class MalformedTickFrameException extends TickException {
    private static final long serialVersionUID = 1L;

    public MalformedTickFrameException(String message) {
        super(message);
    }
}
