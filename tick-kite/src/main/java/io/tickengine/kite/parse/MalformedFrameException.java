package io.tickengine.kite.parse;

import io.tickengine.core.TickException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A binary Kite frame that does not follow the layout: a truncated frame, a packet longer than what is
 * left, an impossible packet count or a packet that contradicts its segment. It carries the offset of
 * the damage and a hex dump of the start of the frame for the log.
 */
public class MalformedFrameException extends TickException {
    /** How many bytes of the frame the hex dump keeps at most. */
    public static final int MAX_DUMP_BYTES = 512;
    private static final long serialVersionUID = 1L;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final int offset;
    private final int frameLength;
    private final String hexDump;

    /**
     * Describes damage in {@code frame} (from its position to its limit) found at {@code offset}, which is
     * relative to the frame's position.
     */
    public MalformedFrameException(String reason, int offset, ByteBuffer frame) {
        super(reason + " at offset " + offset + " of a " + frame.remaining() + "-byte frame");
        this.offset = offset;
        this.frameLength = frame.remaining();
        this.hexDump = dump(frame);
    }

    /** Offset of the damage from the start of the frame. */
    public int offset() {
        return offset;
    }

    /** Length of the whole frame in bytes. */
    public int frameLength() {
        return frameLength;
    }

    /** Hex of the first {@value #MAX_DUMP_BYTES} bytes of the frame, space separated. */
    public String hexDump() {
        return hexDump;
    }

    private static String dump(ByteBuffer frame) {
        int n = Math.min(frame.remaining(), MAX_DUMP_BYTES);
        byte[] bytes = new byte[n];
        frame.get(frame.position(), bytes);
        String hex = HEX.formatHex(bytes);
        return n < frame.remaining() ? hex + " ... (" + (frame.remaining() - n) + " more bytes)" : hex;
    }
}
