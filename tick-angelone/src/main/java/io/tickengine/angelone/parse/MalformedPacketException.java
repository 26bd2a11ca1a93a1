package io.tickengine.angelone.parse;

import io.tickengine.core.TickException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A binary Angel One packet that does not follow the layout: an unknown mode, or a length that does not
 * match its mode (Depth-20's layout is unverified, so a mismatch there says so). It carries a hex dump
 * of the start of the packet for the log.
 */
public class MalformedPacketException extends TickException {
    /** How many bytes of the packet the hex dump keeps at most. */
    public static final int MAX_DUMP_BYTES = 512;
    private static final long serialVersionUID = 1L;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final int packetLength;
    private final String hexDump;

    /** Describes what is wrong with {@code packet}, from its position to its limit. */
    public MalformedPacketException(String reason, ByteBuffer packet) {
        super(reason + " (" + packet.remaining() + "-byte packet)");
        this.packetLength = packet.remaining();
        this.hexDump = dump(packet);
    }

    /** Length of the packet in bytes. */
    public int packetLength() {
        return packetLength;
    }

    /** Hex of the first {@value #MAX_DUMP_BYTES} bytes of the packet, space separated. */
    public String hexDump() {
        return hexDump;
    }

    private static String dump(ByteBuffer packet) {
        int n = Math.min(packet.remaining(), MAX_DUMP_BYTES);
        byte[] bytes = new byte[n];
        packet.get(packet.position(), bytes);
        String hex = HEX.formatHex(bytes);
        return n < packet.remaining() ? hex + " ... (" + (packet.remaining() - n) + " more bytes)" : hex;
    }
}
